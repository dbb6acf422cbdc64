import { runCli } from './runCli';

/** Runs the CLI with `args` (and `env` added to a proxy-free environment); resolves with its exit code and output. */
export const runCliWith = runCli;

/** The NDJSON lines of a capture. */
export function captureLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

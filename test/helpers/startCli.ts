import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI } from './runCli';

/** Starts a long-running CLI command (serve, demo) and resolves with it once its first stdout line arrives. */
export function startCli(args: string[], timeoutMs = 10_000): Promise<{ child: ChildProcessWithoutNullStreams; firstLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`cli ${args.join(' ')} printed nothing: ${err}`)); }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline !== -1) {
        clearTimeout(timer);
        resolve({ child, firstLine: out.slice(0, newline) });
      }
    });
    child.on('close', (code) => { clearTimeout(timer); reject(new Error(`cli ${args.join(' ')} exited ${code}: ${err}`)); });
  });
}

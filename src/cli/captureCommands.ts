// `replay` and `serve`: a capture file played back to stdout, or served as a mock endpoint.
import { toNdjsonLine } from '../core/capture';
import { readCaptureFile, type LoadedCapture } from '../core/captureReader';
import { createReplay } from '../core/replay';
import { serveCapture, type CaptureEndpointOptions } from '../core/server/captureEndpoint';

/** A bad command line: the caller prints the message and the usage, and exits 2. */
export class CaptureUsageError extends Error {}

export const CAPTURE_USAGE = `  node dist/cli.js replay <capture> [--speed X]    re-emit a capture's records with their timing (X times faster)
  node dist/cli.js serve <capture> [options]      serve a capture as a mock endpoint on 127.0.0.1; prints its URL
    --port <N>          port (default: a free one)        --speed <X>          timing X times faster
    --drop-after <N>    drop each connection after N events --drop-every <seconds>  drop each connection after this long
    --retry <ms>        send "retry: ms" first             --hold               keep the stream open at the end`;

function positive(text: string | undefined, flag: string, integer = false): number {
  const n = Number(text);
  if (text === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new CaptureUsageError(`${flag} takes a positive ${integer ? 'whole ' : ''}number, not ${text === undefined ? 'nothing' : `"${text}"`}`);
  }
  return n;
}

async function load(file: string, stderr: NodeJS.WritableStream): Promise<LoadedCapture> {
  let capture: LoadedCapture;
  try {
    capture = await readCaptureFile(file);
  } catch (err) {
    throw new CaptureUsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  for (const p of capture.problems) stderr.write(`stream-debugger: ${file}:${p.line}: ${p.message}\n`);
  if (capture.problemCount > capture.problems.length) stderr.write(`stream-debugger: ${file}: ${capture.problemCount - capture.problems.length} more problems\n`);
  return capture;
}

/** `replay <capture> [--speed X]`: writes the header, then each record when its time comes. */
export async function runReplay(argv: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const files: string[] = [];
  let speed = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--speed') speed = positive(argv[++i], arg);
    else if (arg.startsWith('-')) throw new CaptureUsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new CaptureUsageError('replay takes exactly one capture file');
  const capture = await load(files[0]!, stderr);
  stdout.write(toNdjsonLine(capture.header));
  await new Promise<void>((resolve) => {
    const replay = createReplay(capture.records, {
      speed,
      onRecord: (record) => { stdout.write(toNdjsonLine(record)); },
      onStateChange: (state) => { if (state === 'ended') resolve(); },
    });
    if (replay.state === 'ended') resolve();
    const stop = (): void => { replay.dispose(); resolve(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** `serve <capture> [options]`: prints the stream URL, then serves until stopped. */
export async function runServe(argv: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const files: string[] = [];
  const options: CaptureEndpointOptions & { port?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '--port': {
        const port = Number(argv[++i]);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CaptureUsageError('--port takes a port number (0–65535)');
        options.port = port;
        break;
      }
      case '--speed': options.speed = positive(argv[++i], arg); break;
      case '--drop-after': options.dropAfterEvents = positive(argv[++i], arg, true); break;
      case '--drop-every': options.dropEveryMs = positive(argv[++i], arg) * 1000; break;
      case '--retry': options.retryMs = positive(argv[++i], arg, true); break;
      case '--hold': options.atEnd = 'hold'; break;
      default:
        if (arg.startsWith('-')) throw new CaptureUsageError(`unknown option ${arg}`);
        files.push(arg);
    }
  }
  if (files.length !== 1) throw new CaptureUsageError('serve takes exactly one capture file');
  const capture = await load(files[0]!, stderr);
  let endpoint;
  try {
    endpoint = await serveCapture(capture, options);
  } catch (err) {
    stderr.write(`stream-debugger: cannot listen: ${(err as Error).message}\n`);
    return 1;
  }
  const events = capture.records.filter((r) => r.kind === 'event').length;
  stdout.write(`${endpoint.streamUrl}\n`);
  stderr.write(`stream-debugger: serving ${events} events (${capture.header.mode}) from ${files[0]} until stopped\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await endpoint.close();
  return 0;
}

import * as fs from 'node:fs';
import { connect, ConnectError, parseHttpUrl } from './core/connect';
import { createCaptureHeader, toNdjsonLine } from './core/capture';
import type { ConnectOptions } from './core/options';
import { ProfileResolveError } from './core/profiles/resolve';
import { DEMO_FEEDS, startDemoServer } from './core/server/demoFeeds';
import { checkLongPollFlags, LONG_POLL_USAGE, parseLongPollFlag } from './cliLongPoll';
import type { UnnumberedRecord, StreamRecord } from './core/records';
import { createResumeCheck, type ResumeSummary } from './core/resume/resumeCheck';
import { createDisconnectSchedule, type DisconnectPlan, type DisconnectSchedule } from './core/simulation/disconnectSchedule';
import { CAPTURE_USAGE, CaptureUsageError, runReplay, runServe } from './cli/captureCommands';
import { loadProfileForCli } from './cliProfile';
import { applyEnvironmentProxy, parseTransportFlag, TRANSPORT_USAGE } from './cli/transportFlags';

const USAGE = `Stream Debugger CLI

  node dist/cli.js connect <url> [options]   capture NDJSON records to stdout
    -X, --method <METHOD>        -H, --header "Name: value" (repeatable)   -d, --data <text | @file>
    --last-event-id <id>         --no-reconnect       --max-events <N>      --duration <seconds>
    --out <file>                 --insecure           --retry-http-errors   --resend-body
    --disconnect-after <N>       drop each connection after N events (simulated)
    --disconnect-every <seconds> drop each connection after this long (simulated)
    --disconnect-mid-event       drop in the middle of an event (alone: the one after the first event)
${TRANSPORT_USAGE}
${LONG_POLL_USAGE}
  node dist/cli.js connect --profile <name> --settings <settings.json> [options]
                               a saved profile; \${secret:NAME} from env STREAM_DEBUGGER_SECRET_NAME
  node dist/cli.js demo [--port N]            start the demo feeds; prints "<feed-name> <url>" lines
${CAPTURE_USAGE}

Exit status: 0 normal end, 1 connection failed, 2 bad usage.`;

/** A usage error: message on stderr, exit 2. */
class UsageError extends Error {}

interface ConnectArgs {
  options: ConnectOptions;
  maxEvents?: number;
  durationMs?: number;
  /** `--duration` as given, for the final record's message. */
  durationText?: string;
  out?: string;
  disconnect?: DisconnectPlan;
  /** `--profile NAME --settings FILE`: start from a saved profile; flags given too override it. */
  profile?: { name?: string; settings?: string };
  /** Headers given with -H (merged over a profile's). */
  headers?: Record<string, string>;
}

function parseConnectArgs(argv: string[]): ConnectArgs {
  const headers: Record<string, string> = {};
  const options: ConnectOptions = { url: '' };
  const result: ConnectArgs = { options };
  const positional: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const positiveNumber = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a positive number, not "${text}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '-X': case '--method': options.method = value(++i, arg).toUpperCase(); break;
      case '-H': case '--header': {
        const h = value(++i, arg);
        const colon = h.indexOf(':');
        if (colon <= 0) throw new UsageError(`header "${h}" is not "Name: value"`);
        const name = h.slice(0, colon).trim();
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`header name ${JSON.stringify(name)} is not a valid HTTP field name`);
        headers[name] = sendableHeaderValue(h.slice(colon + 1).trim(), `header ${name}`);
        break;
      }
      case '-d': case '--data': {
        const d = value(++i, arg);
        if (d.startsWith('@')) {
          try {
            options.body = fs.readFileSync(d.slice(1));
          } catch (err) {
            throw new UsageError(`cannot read body file ${d.slice(1)}: ${(err as Error).message}`);
          }
        } else options.body = d;
        options.method ??= 'POST';
        break;
      }
      case '--last-event-id': options.lastEventId = sendableHeaderValue(value(++i, arg), arg); break;
      case '--no-reconnect': options.reconnect = false; break;
      case '--resend-body': options.resendBodyOnReconnect = true; break;
      case '--insecure': options.insecure = true; break;
      case '--retry-http-errors': options.retryHttpErrors = true; break;
      case '--max-events': result.maxEvents = Math.floor(positiveNumber(value(++i, arg), arg)); break;
      case '--duration': result.durationText = value(++i, arg); result.durationMs = positiveNumber(result.durationText, arg) * 1000; break;
      case '--out': result.out = value(++i, arg); break;
      case '--disconnect-after': {
        const n = positiveNumber(value(++i, arg), arg);
        if (!Number.isInteger(n)) throw new UsageError(`${arg} takes a whole number of events, not "${argv[i]}"`);
        result.disconnect = { ...result.disconnect, afterEvents: n };
        break;
      }
      case '--disconnect-every': result.disconnect = { ...result.disconnect, everyMs: positiveNumber(value(++i, arg), arg) * 1000 }; break;
      case '--disconnect-mid-event': result.disconnect = { ...result.disconnect, midEvent: true }; break;
      case '--profile': result.profile = { ...result.profile, name: value(++i, arg) }; break;
      case '--settings': result.profile = { ...result.profile, settings: value(++i, arg) }; break;
      default: {
        const usedByTransport = transportFlag(argv, i, options);
        if (usedByTransport > 0) { i += usedByTransport - 1; break; }
        const used = longPollFlag(argv, i, options);
        if (used > 0) { i += used - 1; break; }
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
      }
    }
  }
  const longPollProblem = checkLongPollFlags(options);
  if (longPollProblem) throw new UsageError(longPollProblem);
  if (result.profile) {
    if (!result.profile.name || !result.profile.settings) throw new UsageError('--profile and --settings go together');
    if (positional.length > 1) throw new UsageError('connect takes at most one URL');
  } else if (positional.length !== 1) throw new UsageError('connect takes exactly one URL');
  if (positional.length) {
    try {
      options.url = parseHttpUrl(positional[0]!).href;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (Object.keys(headers).length) options.headers = { ...options.headers, ...headers };
  result.headers = options.headers ?? {}; // -H, and --json's Content-Type, override a profile's headers
  return result;
}

/** HTTP cannot carry control characters (NUL, CR, LF…) in a header value: a usage error, not a failed connection. */
function sendableHeaderValue(text: string, what: string): string {
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(text)) throw new UsageError(`${what} contains a control character that HTTP headers cannot carry: ${JSON.stringify(text)}`);
  return text;
}

function transportFlag(argv: string[], i: number, options: ConnectOptions): number {
  try {
    return parseTransportFlag(argv, i, options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function longPollFlag(argv: string[], i: number, options: ConnectOptions): number {
  try {
    return parseLongPollFlag(argv, i, options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function runConnect(argv: string[]): Promise<number> {
  const args = parseConnectArgs(argv);
  const fromProfile = args.profile ? await loadProfileForCli(args.profile.name!, args.profile.settings!, args.options, args.headers ?? {}) : undefined;
  const options = fromProfile?.options ?? args.options;
  applyEnvironmentProxy(options, process.env); // after the profile: its own proxy setting wins over the environment
  let out: NodeJS.WritableStream = process.stdout;
  if (args.out) {
    // Opened before connecting: a path we cannot write is a usage error, not an 'error' event that kills the process.
    let fd: number;
    try {
      fd = fs.openSync(args.out, 'w');
    } catch (err) {
      throw new UsageError(`cannot write --out file ${args.out}: ${(err as Error).message}`);
    }
    const file = fs.createWriteStream(args.out, { fd });
    file.on('error', (err) => {
      process.stderr.write(`stream-debugger: cannot write --out file ${args.out}: ${err.message}\n`);
      process.exit(1);
    });
    out = file;
  }
  const write = (line: string): void => { out.write(line); };
  write(toNdjsonLine(createCaptureHeader({ mode: options.mode ?? 'sse', url: options.url, method: options.method ?? 'GET', headers: options.headers ?? {}, startedAt: Date.now(), secretValues: options.secretValues ?? [] })));
  let events = 0;
  let failed: string | undefined;
  let lastError: string | undefined;
  let seq = 0;
  const resumeCheck = createResumeCheck();
  let schedule: DisconnectSchedule | undefined; // records start arriving inside connect()
  const output = (r: UnnumberedRecord): void => {
    const record = r as StreamRecord;
    record.seq = seq++; // renumbered: resume records are inserted between the transport's records
    write(toNdjsonLine(record));
  };
  const handle = connect(options, {
    onRecord: (record) => {
      resumeCheck.process(record, output);
      if (record.kind === 'error' && record.final && record.reason !== 'http-204') failed = record.message;
      if (record.kind === 'error') lastError = record.message;
      if (record.kind === 'event' && args.maxEvents !== undefined && ++events >= args.maxEvents) {
        handle.close({ reason: 'max-events', message: `stopped: reached --max-events ${args.maxEvents}` });
        return; // no simulated drop on the way out
      }
      schedule?.observe(record);
    },
  });
  const disconnect = args.disconnect ?? fromProfile?.disconnect; // flags win over the profile's schedule
  if (disconnect) schedule = createDisconnectSchedule(handle, disconnect);
  const timer = args.durationMs !== undefined
    ? setTimeout(() => handle.close({ reason: 'duration', message: `stopped: reached --duration ${args.durationText} s` }), args.durationMs)
    : undefined;
  const stopOnSignal = (): void => handle.close();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const end = await handle.done;
  schedule?.dispose();
  const summary = resumeCheck.summary();
  if (summary.checks > 0) process.stderr.write(`stream-debugger: ${describeResumeSummary(summary, options.mode === 'long-poll' ? 'cursor' : 'Last-Event-ID')}\n`);
  if (timer) clearTimeout(timer);
  await fromProfile?.dispose();
  if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
  if (failed || !end.ok) {
    process.stderr.write(`stream-debugger: connection failed: ${failed ?? lastError ?? end.reason}\n`);
    return 1;
  }
  return 0;
}

/**
 * One line: what was checked (a start from a given Last-Event-ID is a resumed start, not a reconnect), the verdicts,
 * and the ids missing or repeated.
 */
function describeResumeSummary(s: ResumeSummary, what: string): string {
  const verdicts = Object.entries(s.verdicts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(', ');
  const reconnects = s.checks - s.startChecks;
  const checked = [
    ...(s.startChecks > 0 ? [`start from ${what} ${JSON.stringify(s.startSent ?? '')}`] : []),
    ...(reconnects > 0 || s.startChecks === 0 ? [`${reconnects} reconnect(s)`] : []),
  ].join(' and ');
  return `resumption: ${checked} checked: ${verdicts}; ${s.missingIds} id(s) missing, ${s.duplicateEvents} duplicate event(s)`;
}

async function runDemo(argv: string[]): Promise<number> {
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') {
      port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
    } else throw new UsageError(`unknown option ${argv[i]}`);
  }
  const server = await startDemoServer({ port });
  for (const feed of DEMO_FEEDS) process.stdout.write(`${feed.name} ${server.url}${feed.path}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // A reader that goes away (`| head -1`) is a normal end, as for other command-line tools: stop quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`stream-debugger: cannot write to stdout: ${err.message}\n`);
    process.exit(1);
  });
  try {
    switch (command) {
      case 'connect': return await runConnect(rest);
      case 'demo': return await runDemo(rest);
      case 'replay': return await runReplay(rest, process.stdout, process.stderr);
      case 'serve': return await runServe(rest, process.stdout, process.stderr);
      case undefined: case '-h': case '--help': case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof ProfileResolveError) {
      process.stderr.write(`stream-debugger: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof ConnectError || err instanceof CaptureUsageError) {
      // The message alone, so it is not buried under the whole help text.
      process.stderr.write(`stream-debugger: ${err.message}\nRun "stream-debugger --help" (node dist/cli.js --help) for the usage.\n`);
      return 2;
    }
    process.stderr.write(`stream-debugger: ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

import type { ConnectOptions, LongPollFormat, LongPollOptions } from './core/options';
import { checkLongPollOptions } from './core/longpoll/longPollOptions';

/** The long-poll flags of `connect`, for the usage text. */
export const LONG_POLL_USAGE = `    --long-poll                  long-polling mode (default: SSE); then:
    --poll-timeout <seconds>     client timeout per poll (35)      --poll-format <auto|json|ndjson|event-stream>
    --events-path <path>         events array in a JSON object     --type-field <f>   --id-field <f>
    --cursor-path <path> | --cursor-header <name>   cursor from the body or a header (default: the last id)
    --cursor-param <name>        query parameter (cursor; "" none) --cursor-send-header <name>
    --offset-cursor              send last id + 1 (getUpdates)     --no-cursor-last-event-id
    --initial-cursor <value>     --poll-min-interval <seconds>     least gap after an empty answer (0.25)`;

const FORMATS: readonly LongPollFormat[] = ['auto', 'json', 'ndjson', 'event-stream'];

/**
 * Reads one long-poll flag at `argv[i]` into `options`. Returns how many arguments it used (0: not a long-poll
 * flag). Throws an Error with the message to show for a bad value.
 */
export function parseLongPollFlag(argv: readonly string[], i: number, options: ConnectOptions): number {
  const arg = argv[i]!;
  const lp = (): LongPollOptions => (options.longPoll ??= {});
  const value = (): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${arg} needs a value`);
    return v;
  };
  const seconds = (allowZero: boolean): number => {
    const text = value();
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`${arg} takes a ${allowZero ? 'non-negative' : 'positive'} number of seconds, not "${text}"`);
    return Math.round(n * 1000);
  };
  switch (arg) {
    case '--long-poll': options.mode = 'long-poll'; return 1;
    case '--poll-timeout': lp().timeoutMs = seconds(false); return 2;
    case '--poll-min-interval': lp().minIntervalMs = seconds(true); return 2;
    case '--poll-format': {
      const format = value() as LongPollFormat;
      if (!FORMATS.includes(format)) throw new Error(`${arg} takes one of ${FORMATS.join(', ')}, not "${format}"`);
      lp().format = format;
      return 2;
    }
    case '--events-path': lp().eventsPath = value(); return 2;
    case '--type-field': lp().typeField = value(); return 2;
    case '--id-field': lp().idField = value(); return 2;
    case '--cursor-path': lp().cursorPath = value(); lp().cursorFrom = 'body'; return 2;
    case '--cursor-header': lp().cursorHeader = value(); lp().cursorFrom = 'header'; return 2;
    case '--cursor-param': lp().cursorParam = value(); return 2;
    case '--cursor-send-header': lp().cursorSendHeader = value(); return 2;
    case '--offset-cursor': lp().cursorStyle = 'offset'; return 1;
    case '--no-cursor-last-event-id': lp().sendLastEventId = false; return 1;
    case '--initial-cursor': lp().initialCursor = value(); return 2;
    default: return 0;
  }
}

/** What is wrong with the long-poll flags as a whole (given without --long-poll, or inconsistent), if anything. */
export function checkLongPollFlags(options: ConnectOptions): string | undefined {
  if (!options.longPoll) return undefined;
  if (options.mode !== 'long-poll') return 'long-poll options need --long-poll';
  return checkLongPollOptions(options.longPoll)?.replace(/^longPoll\./, 'long-poll option ');
}

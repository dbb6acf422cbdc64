import { parseHttpUrl } from '../connect';
import { checkLongPollOptions } from '../longpoll/longPollOptions';
import type { LongPollOptions } from '../options';
import type { EndpointProfile, ProfileProblem } from './profile';
import { findVariables, VariableSyntaxError } from './variables';

/** One entry of the `streamDebugger.profiles` list after validation. */
export interface ProfileListItem {
  /** Position in the list as written (editing commands address entries by it). */
  index: number;
  /** The entry exactly as written. */
  raw: unknown;
  /** `"name"` when the entry has a string name, otherwise `#N` (1-based). */
  label: string;
  /** The profile, when it has no problems. */
  profile?: EndpointProfile;
  problems: ProfileProblem[];
}

const TOP_LEVEL_FIELDS = ['name', 'url', 'mode', 'method', 'headers', 'body', 'bodyFile', 'lastEventId', 'reconnect',
  'connectTimeoutMs', 'idleTimeoutMs', 'longPoll', 'disconnect', 'tls', 'tags'] as const;
const RECONNECT_FIELDS = ['enabled', 'initialRetryMs', 'retryHttpErrors', 'resendBody'] as const;
const DISCONNECT_FIELDS = ['afterEvents', 'everySeconds', 'midEvent', 'once'] as const;
/** Fields of `LongPollOptions` by type (the long-poll transport's own check does the finer rules). */
const LONG_POLL_FIELDS: Record<string, 'string' | 'number' | 'boolean'> = {
  timeoutMs: 'number', format: 'string', eventsPath: 'string', typeField: 'string', idField: 'string', cursorFrom: 'string',
  cursorPath: 'string', cursorHeader: 'string', cursorStyle: 'string', cursorParam: 'string', cursorSendHeader: 'string',
  sendLastEventId: 'boolean', initialCursor: 'string', minIntervalMs: 'number', maxBodyBytes: 'number',
};
const TLS_FIELDS = ['insecure', 'caFile'] as const;
// RFC 9110 token characters: what a method or a header name may be made of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Validates the whole setting value: each entry on its own (one bad entry does not hide the others), plus names that
 * repeat within the list.
 */
export function validateProfileList(value: unknown): ProfileListItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    return [{ index: 0, raw: value, label: '#1', problems: [{ field: '', message: 'streamDebugger.profiles must be a list of profiles' }] }];
  }
  const seen = new Set<string>();
  return value.map((raw, index) => {
    const problems = validateProfile(raw);
    const name = isObject(raw) && typeof raw.name === 'string' ? raw.name : undefined;
    if (name !== undefined) {
      if (seen.has(name)) problems.push({ field: 'name', message: `"${name}" is used by an earlier profile in the same settings; names must be unique` });
      seen.add(name);
    }
    const item: ProfileListItem = { index, raw, label: name !== undefined ? `"${name}"` : `#${index + 1}`, problems };
    if (problems.length === 0) item.profile = raw as EndpointProfile;
    return item;
  });
}

/** Every problem of one profile entry, each naming its field; an empty list means the entry is a valid profile. */
export function validateProfile(raw: unknown): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const report = (field: string, message: string): void => { problems.push({ field, message }); };
  if (!isObject(raw)) {
    report('', 'must be an object with at least "name" and "url"');
    return problems;
  }
  for (const key of Object.keys(raw)) {
    if (!(TOP_LEVEL_FIELDS as readonly string[]).includes(key)) report(key, `is not a profile field (known: ${TOP_LEVEL_FIELDS.join(', ')})`);
  }
  // Strings that are sent or used as is; `${secret:…}` is only for the url, header values and the body.
  const plainString = (field: string, value: unknown, { secretsAllowed = false } = {}): value is string => {
    if (typeof value !== 'string') {
      report(field, `must be a string, not ${describe(value)}`);
      return false;
    }
    try {
      const refs = findVariables(value);
      if (!secretsAllowed && refs.some((r) => r.kind === 'secret')) {
        report(field, 'cannot use ${secret:…}; secrets are resolved only in the url, header values and the body');
      }
    } catch (err) {
      if (err instanceof VariableSyntaxError) report(field, err.message);
      else throw err;
    }
    return true;
  };

  if (raw.name === undefined) report('name', 'is required');
  else if (plainString('name', raw.name) && raw.name.trim() === '') report('name', 'must not be empty');

  if (raw.url === undefined) report('url', 'is required');
  else if (plainString('url', raw.url, { secretsAllowed: true }) && findVariables(safe(raw.url)).length === 0) {
    try {
      parseHttpUrl(raw.url);
    } catch (err) {
      report('url', `is not usable: ${(err as Error).message}`);
    }
  }

  if (raw.mode !== undefined && raw.mode !== 'sse' && raw.mode !== 'long-poll') report('mode', `must be "sse" or "long-poll", not ${describe(raw.mode)}`);
  if (raw.method !== undefined && plainString('method', raw.method) && !TOKEN.test(raw.method)) report('method', `"${raw.method}" is not an HTTP method`);

  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) report('headers', `must be an object of "Name": "value", not ${describe(raw.headers)}`);
    else {
      for (const [name, value] of Object.entries(raw.headers)) {
        const field = `headers.${name}`;
        if (!TOKEN.test(name)) report(field, 'is not a valid header name');
        if (plainString(field, value, { secretsAllowed: true }) && /[\r\n\0]/.test(value)) report(field, 'must not contain line breaks');
      }
    }
  }

  if (raw.body !== undefined) plainString('body', raw.body, { secretsAllowed: true });
  if (raw.bodyFile !== undefined && plainString('bodyFile', raw.bodyFile) && raw.bodyFile.trim() === '') report('bodyFile', 'must not be empty');
  if (raw.body !== undefined && raw.bodyFile !== undefined) report('bodyFile', 'cannot be used together with body; keep one of them');

  if (raw.lastEventId !== undefined && plainString('lastEventId', raw.lastEventId) && /[\r\n\0]/.test(raw.lastEventId)) {
    // Spec: a Last-Event-ID with LF, CR or NULL can never be sent.
    report('lastEventId', 'must not contain line breaks or NULL');
  }

  if (raw.reconnect !== undefined && typeof raw.reconnect !== 'boolean') {
    const r = subObject('reconnect', raw.reconnect, RECONNECT_FIELDS, report);
    if (r) {
      boolField('reconnect.enabled', r.enabled, report);
      boolField('reconnect.retryHttpErrors', r.retryHttpErrors, report);
      boolField('reconnect.resendBody', r.resendBody, report);
      numberField('reconnect.initialRetryMs', r.initialRetryMs, { min: 0, integer: true }, report);
    }
  }
  numberField('connectTimeoutMs', raw.connectTimeoutMs, { min: 1, integer: true }, report);
  numberField('idleTimeoutMs', raw.idleTimeoutMs, { min: 0, integer: true }, report);

  const lp = subObject('longPoll', raw.longPoll, Object.keys(LONG_POLL_FIELDS), report);
  if (lp) {
    let typesOk = true;
    for (const [key, value] of Object.entries(lp)) {
      const type = LONG_POLL_FIELDS[key];
      if (type && typeof value !== type) {
        typesOk = false;
        report(`longPoll.${key}`, `must be a ${type}, not ${describe(value)}`);
      }
    }
    const problem = typesOk ? checkLongPollOptions(lp as LongPollOptions) : undefined;
    if (problem) {
      // Its messages start with the field ("longPoll.format must be …"); keep that as the field.
      const m = /^(longPoll\.\w+):? (.*)$/.exec(problem);
      report(m ? m[1]! : 'longPoll', m ? m[2]! : problem);
    }
  }

  const d = subObject('disconnect', raw.disconnect, DISCONNECT_FIELDS, report);
  if (d) {
    numberField('disconnect.afterEvents', d.afterEvents, { min: 1, integer: true }, report);
    numberField('disconnect.everySeconds', d.everySeconds, { min: 0.001 }, report);
    boolField('disconnect.midEvent', d.midEvent, report);
    boolField('disconnect.once', d.once, report);
  }

  const tls = subObject('tls', raw.tls, TLS_FIELDS, report);
  if (tls) {
    boolField('tls.insecure', tls.insecure, report);
    if (tls.caFile !== undefined) plainString('tls.caFile', tls.caFile);
  }

  if (raw.tags !== undefined) {
    if (!Array.isArray(raw.tags)) report('tags', `must be a list of strings, not ${describe(raw.tags)}`);
    else raw.tags.forEach((tag, i) => { if (typeof tag !== 'string') report(`tags[${i}]`, `must be a string, not ${describe(tag)}`); });
  }
  return problems;
}

type Report = (field: string, message: string) => void;

function subObject(field: string, value: unknown, known: readonly string[], report: Report): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    report(field, `must be an object, not ${describe(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) report(`${field}.${key}`, `is not a field of ${field} (known: ${known.join(', ')})`);
  }
  return value;
}

function boolField(field: string, value: unknown, report: Report): void {
  if (value !== undefined && typeof value !== 'boolean') report(field, `must be true or false, not ${describe(value)}`);
}

function numberField(field: string, value: unknown, rule: { min: number; integer?: boolean }, report: Report): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) report(field, `must be a number, not ${describe(value)}`);
  else if (rule.integer && !Number.isInteger(value)) report(field, `must be a whole number, not ${value}`);
  else if (value < rule.min) report(field, `must be at least ${rule.min}, not ${value}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safe(text: string): string {
  try {
    findVariables(text);
    return text;
  } catch {
    return '${env:X}'; // already reported; skip the URL check
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * The filter box's little language. One input means one of three things:
 * - `/pattern/flags`: a regular expression matched against each of a record's fields (data, type, id) on its own;
 * - `data.path op value` (`data.user.id == 7`, `data.items[0].name contains "x"`, `data.done` for "exists"):
 *   a comparison on the event's data parsed as JSON;
 * - anything else: a case-insensitive substring over the same text.
 * Parsing never throws: bad input comes back as `{ ok: false, error }` for an inline message.
 */

import { findBacktrackingRisk } from './regexBacktracking';
import { searchFormOf } from './regexSearchForm';

/** Comparison operators of a field filter. */
export type FieldOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'exists';

/** A parsed field filter: a path into the JSON data and what to compare it with. */
export interface FieldFilter {
  /** Keys and indexes after `data`, e.g. `['user', 'id']`. */
  path: (string | number)[];
  op: FieldOperator;
  /** The literal to compare with (absent for `exists`). */
  value?: string | number | boolean | null;
}

/** What the text box asks for. */
export type TextFilter =
  | { kind: 'none' }
  | { kind: 'substring'; needle: string }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'field'; field: FieldFilter };

/** Result of {@link parseFilterText}. */
export type ParseResult = { ok: true; filter: TextFilter } | { ok: false; error: string };

const OPERATORS: readonly FieldOperator[] = ['==', '!=', '>=', '<=', '>', '<', 'contains'];
/** Longest regular expression source accepted; longer ones are almost surely pasted data, not a pattern. */
const MAX_REGEX_LENGTH = 2000;

/** Parses the filter box's text; never throws. */
export function parseFilterText(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: true, filter: { kind: 'none' } };
  if (text.startsWith('/')) {
    const regex = parseRegexLiteral(text);
    if (regex) return regex;
  }
  // `data` alone is a word to search for; `data.x` and `data[0]` are paths.
  if (/^data[.[]/.test(text)) return parseFieldFilter(text);
  return { ok: true, filter: { kind: 'substring', needle: text.toLowerCase() } };
}

/**
 * A hint for text that is searched as plain text although it looks meant as something else (a regex without its
 * closing slash or with unknown flags, a comparison on a path without `data.`); undefined when nothing looks off.
 */
export function filterHint(input: string): string | undefined {
  const text = input.trim();
  if (/^\/[^/]+$/.test(text)) return `Searching for the text "${text}"; a regular expression ends with a slash: ${text}/`;
  // Up to three letters after the last slash read as intended flags; a longer word is a path (/api/events).
  const flags = /^\/.+\/([a-z]{1,3})$/s.exec(text)?.[1];
  if (flags && /[^dgimsuy]/.test(flags)) {
    const unknown = [...new Set(flags.replace(/[dgimsuy]/g, ''))].join('');
    return `Searching for the text "${text}": "${unknown}" is not a regular expression flag (d g i m s u y)`;
  }
  const comparison = /^([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*)\s*(==|!=|>=|<=|>|<|contains\b)/.exec(text);
  if (comparison && !/^data(?:[.[]|$)/.test(comparison[1]!)) return `Searching for the text "${text}"; a field filter starts at data: data.${text}`;
  return undefined;
}

/**
 * `/…/flags` → a RegExp or an error; undefined when the text is not a regex literal after all (`/api/events` and
 * `/ticker` are paths to search for, so only known flags after the last slash make a regex).
 */
function parseRegexLiteral(text: string): ParseResult | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (!m) return undefined;
  const [, source = '', rawFlags = ''] = m;
  if (/[^dgimsuy]/.test(rawFlags)) return undefined;
  if (source === '') return { ok: false, error: 'Regular expression: the pattern between the slashes is empty' };
  if (source.length > MAX_REGEX_LENGTH) return { ok: false, error: `Regular expression: longer than ${MAX_REGEX_LENGTH} characters` };
  // g and y make test() stateful across records; matching one record at a time needs neither.
  const flags = [...new Set(rawFlags.replace(/[gyd]/g, ''))].join('');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (err) {
    return { ok: false, error: `Regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  // One regex.test cannot be interrupted: a pattern that can backtrack exponentially never runs.
  const risk = findBacktrackingRisk(regex);
  if (risk?.kind === 'ambiguous-repeat') {
    return { ok: false, error: `Regular expression: ${risk.part} can match the same text in many ways (a quantifier inside a repeated group, or repeated alternatives that overlap), which can take exponential time; rewrite it so each character has one way to match, e.g. (a+)+ as a+` };
  }
  if (risk?.kind === 'too-complex') return { ok: false, error: 'Regular expression: too complex to check that it runs in reasonable time; simplify it' };
  return { ok: true, filter: { kind: 'regex', regex: searchFormOf(regex) } };
}

function parseFieldFilter(text: string): ParseResult {
  const path: (string | number)[] = [];
  let i = 4; // after "data"
  const fail = (error: string): ParseResult => ({ ok: false, error: `Field filter: ${error}` });
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i + 1));
      if (!m) return fail(`expected a field name after "." at column ${i + 2}`);
      path.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const rest = text.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\]/.exec(rest);
      if (index) {
        path.push(Number(index[1]));
        i += index[0].length;
      } else if (quoted) {
        const key = parseStringLiteral(quoted[1]!);
        if (key === undefined) return fail(`bad quoted key at column ${i + 1}`);
        path.push(key);
        i += quoted[0].length;
      } else return fail(`expected [number] or ["key"] at column ${i + 1}`);
    } else break;
  }
  const rest = text.slice(i).trim();
  if (rest === '') return { ok: true, filter: { kind: 'field', field: { path, op: 'exists' } } };
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) return fail(`expected an operator (${OPERATORS.join(' ')}) after the path, found "${rest.slice(0, 12)}"`);
  const literal = rest.slice(op.length).trim();
  if (literal === '') return fail(`missing a value after ${op}`);
  const value = parseLiteral(literal);
  // Inside a quoted value, "||" or "and data" is text to compare with.
  const quoted = typeof value === 'string' && /^["']/.test(literal);
  if (!quoted && /&&|\|\||\b(?:and|or) data\b/.test(literal)) return fail('one comparison at a time (no && or ||); narrow further with the kind and type chips');
  if (value === undefined) return fail(`cannot read the value ${literal.slice(0, 30)} (use a number, "text", true, false or null)`);
  if ((op === '>' || op === '<' || op === '>=' || op === '<=') && typeof value !== 'number' && typeof value !== 'string') {
    return fail(`${op} compares numbers or text, not ${String(value)}`);
  }
  // `contains` searches for the text as typed: `contains 1.10` must not become the number's "1.1".
  const needle = typeof value === 'string' ? value : literal;
  return { ok: true, filter: { kind: 'field', field: { path, op, value: op === 'contains' ? needle.toLowerCase() : value } } };
}

function parseLiteral(text: string): string | number | boolean | null | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('"') || text.startsWith("'")) return parseStringLiteral(text);
  // A bare word reads as text, so `data.status == ok` works without quotes.
  return /^[^\s"']+$/.test(text) ? text : undefined;
}

function parseStringLiteral(text: string): string | undefined {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) return undefined;
  if (quote === '"') {
    try {
      const v: unknown = JSON.parse(text);
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }
  // 'it\'s' is one value; 'a' || 'b' is not.
  if (!/^'(?:[^'\\]|\\.)*'$/s.test(text)) return undefined;
  return text.slice(1, -1).replace(/\\(.)/gs, '$1');
}

/** Follows `path` into a parsed JSON value; undefined when a step is missing. */
export function resolvePath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/** True when the JSON value found at the path satisfies the filter's comparison. */
export function compareField(found: unknown, field: FieldFilter): boolean {
  const { op, value } = field;
  if (op === 'exists') return found !== undefined;
  if (found === undefined) return op === '!=';
  switch (op) {
    case '==': return looselyEqual(found, value);
    case '!=': return !looselyEqual(found, value);
    case 'contains': {
      const hay = typeof found === 'string' ? found : JSON.stringify(found);
      return hay.toLowerCase().includes(String(value));
    }
    default: {
      const a = typeof value === 'number' ? toNumber(found) : typeof found === 'string' ? found : undefined;
      if (a === undefined || value === undefined || value === null || typeof value === 'boolean') return false;
      if (typeof a !== typeof value) return false;
      switch (op) {
        case '>': return a > value;
        case '>=': return a >= value;
        case '<': return a < value;
        case '<=': return a <= value;
      }
    }
  }
}

/** `7 == "7"` is true (ids often arrive as strings, see toNumber); other types compare strictly. */
function looselyEqual(found: unknown, value: FieldFilter['value']): boolean {
  if (typeof value === 'number') return toNumber(found) === value;
  if (typeof value === 'string') return typeof found === 'string' ? found === value : typeof found === 'number' && String(found) === value;
  return found === value;
}

/** A string that is a JSON number literal, nothing around it: "7", "-7.5", "1e3"; not " 7 ", "0x10", "007", "Infinity". */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A number, or a string spelling one as JSON would (ids often arrive as strings); anything else is no number. */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && JSON_NUMBER.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

import { isHex, skipDigits, skipWhitespace } from '../../core/jsonText';

/** The kinds of JSON value that hold no others. */
export type JsonScalarKind = 'string' | 'number' | 'true' | 'false' | 'null';

/**
 * What {@link scanJson} reports, in source order. Spans are [start, end) offsets into the scanned text; a string's or
 * key's span includes its quotes, so `text.slice(start, end)` is the token exactly as written.
 */
export interface JsonVisitor {
  openObject(): void;
  openArray(): void;
  /** An object key; `escaped` when it holds a backslash escape (it must be decoded to be compared). */
  key(start: number, end: number, escaped: boolean): void;
  /** A string, number, true, false or null; `escaped` as for keys (false for anything but strings). */
  scalar(kind: JsonScalarKind, start: number, end: number, escaped: boolean): void;
  /** The end of the innermost open object or array. */
  close(): void;
}

const SPACE = 0x20, QUOTE = 0x22, PLUS = 0x2b, COMMA = 0x2c, MINUS = 0x2d, DOT = 0x2e;
const SLASH = 0x2f, ZERO = 0x30, NINE = 0x39, COLON = 0x3a, BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d;
const IN_OBJECT = 1, IN_ARRAY = 2;

/**
 * Walks JSON text token by token and reports each token with its place in the source, so a caller can show or
 * re-indent the data exactly as sent: numbers as written (`1.10`, `-0`, `1e3`, 20-digit ids), keys in their order,
 * repeated keys kept. Accepts exactly what JSON.parse accepts (RFC 8259: whitespace is space, tab, LF and CR; no raw
 * control characters in strings; lone surrogates are fine) and returns false otherwise — the visitor may then have
 * seen part of the text, which the caller throws away. Nesting is followed with an explicit stack, never recursion,
 * so any depth JSON.parse reads is read here too.
 */
export function scanJson(text: string, visitor: JsonVisitor): boolean {
  return new JsonScanner(text, visitor).scan();
}

class JsonScanner {
  /** Whether the last string `stringEnd` read held an escape. */
  private escaped = false;

  constructor(private readonly text: string, private readonly visitor: JsonVisitor) {}

  scan(): boolean {
    const { text, visitor } = this;
    const length = text.length;
    const stack: number[] = [];
    let p = skipWhitespace(text, 0);
    for (;;) {
      // A value starts at p.
      const c = text.charCodeAt(p);
      if (c === OPEN_BRACE) {
        visitor.openObject();
        p = skipWhitespace(text, p + 1);
        if (text.charCodeAt(p) === CLOSE_BRACE) {
          visitor.close();
          p++;
        } else {
          stack.push(IN_OBJECT);
          p = this.keyAndColon(p);
          if (p < 0) return false;
          continue;
        }
      } else if (c === OPEN_BRACKET) {
        visitor.openArray();
        p = skipWhitespace(text, p + 1);
        if (text.charCodeAt(p) === CLOSE_BRACKET) {
          visitor.close();
          p++;
        } else {
          stack.push(IN_ARRAY);
          continue;
        }
      } else {
        p = this.scalar(p, c);
        if (p < 0) return false;
      }
      // A value ended at p: a comma, the end of its container, or the end of the text follows.
      for (;;) {
        p = skipWhitespace(text, p);
        const container = stack[stack.length - 1];
        if (container === undefined) return p === length;
        const next = text.charCodeAt(p);
        if (next === COMMA) {
          p = skipWhitespace(text, p + 1);
          if (container === IN_OBJECT) {
            p = this.keyAndColon(p);
            if (p < 0) return false;
          }
          break;
        }
        if (next !== (container === IN_OBJECT ? CLOSE_BRACE : CLOSE_BRACKET)) return false;
        stack.pop();
        visitor.close();
        p++;
      }
    }
  }

  /** Reads `"key" :` at p; the offset of the value after it, or -1. */
  private keyAndColon(p: number): number {
    const text = this.text;
    if (text.charCodeAt(p) !== QUOTE) return -1;
    const end = this.stringEnd(p + 1);
    if (end < 0) return -1;
    this.visitor.key(p, end, this.escaped);
    const colon = skipWhitespace(text, end);
    if (text.charCodeAt(colon) !== COLON) return -1;
    return skipWhitespace(text, colon + 1);
  }

  /** Reads a string, number or literal starting with character `c` at p; the offset after it, or -1. */
  private scalar(p: number, c: number): number {
    const { text, visitor } = this;
    if (c === QUOTE) {
      const end = this.stringEnd(p + 1);
      if (end >= 0) visitor.scalar('string', p, end, this.escaped);
      return end;
    }
    for (const word of LITERALS) {
      if (c === word.charCodeAt(0)) {
        if (!text.startsWith(word, p)) return -1;
        visitor.scalar(word, p, p + word.length, false);
        return p + word.length;
      }
    }
    const end = numberEnd(text, p);
    if (end >= 0) visitor.scalar('number', p, end, false);
    return end;
  }

  /** The offset after the closing quote of the string whose content starts at `from`, or -1. Sets `escaped`. */
  private stringEnd(from: number): number {
    const text = this.text;
    const length = text.length;
    this.escaped = false;
    for (let p = from; p < length; p++) {
      const c = text.charCodeAt(p);
      if (c === QUOTE) return p + 1;
      if (c < SPACE) return -1; // RFC 8259 §7: control characters must be escaped
      if (c === BACKSLASH) {
        this.escaped = true;
        const e = text.charCodeAt(++p);
        if (e === 0x75) { // \uXXXX
          if (!isHex(text.charCodeAt(p + 1)) || !isHex(text.charCodeAt(p + 2)) || !isHex(text.charCodeAt(p + 3)) || !isHex(text.charCodeAt(p + 4))) return -1;
          p += 4;
        } else if (ESCAPED[e] === undefined) {
          return -1;
        }
      }
    }
    return -1;
  }
}

const LITERALS = ['true', 'false', 'null'] as const;

/** The character each one-letter escape stands for, by the letter's code: \" \\ \/ \b \f \n \r \t. */
const ESCAPED: Record<number, string> = { [QUOTE]: '"', [BACKSLASH]: '\\', [SLASH]: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/** The offset after the number at p (RFC 8259 §6: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), or -1. */
function numberEnd(text: string, from: number): number {
  let p = from;
  if (text.charCodeAt(p) === MINUS) p++;
  const first = text.charCodeAt(p);
  if (first === ZERO) p++;
  else if (first > ZERO && first <= NINE) p = skipDigits(text, p + 1);
  else return -1;
  if (text.charCodeAt(p) === DOT) {
    const end = skipDigits(text, p + 1);
    if (end === p + 1) return -1;
    p = end;
  }
  const e = text.charCodeAt(p);
  if (e === 0x65 || e === 0x45) { // e E
    p++;
    const sign = text.charCodeAt(p);
    if (sign === PLUS || sign === MINUS) p++;
    const end = skipDigits(text, p);
    if (end === p) return -1;
    p = end;
  }
  return p;
}

/** The value of the string token at [start, end) (quotes included), escapes decoded as JSON.parse decodes them. */
export function decodeJsonString(text: string, start: number, end: number, escaped: boolean): string {
  if (!escaped) return text.slice(start + 1, end - 1);
  let out = '';
  let run = start + 1;
  for (let p = run; p < end - 1; p++) {
    if (text.charCodeAt(p) !== BACKSLASH) continue;
    out += text.slice(run, p);
    const e = text.charCodeAt(p + 1);
    if (e === 0x75) {
      out += String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16));
      p += 5;
    } else {
      out += ESCAPED[e]!;
      p += 1;
    }
    run = p + 1;
  }
  return out + text.slice(run, end - 1);
}

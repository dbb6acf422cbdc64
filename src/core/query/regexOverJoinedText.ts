/**
 * When a user's regular expression may run over a chunk's joined text (records separated by "\n") instead of once
 * per record, with exactly the per-record answer.
 *
 * Two things could make the joined run differ or blow up:
 * - context: `^`, `$` and lookarounds see the neighbouring records (and `^` without `m` only the chunk's start);
 * - reach: an atom that matches "\n" (`.` with `s`, `[^…]`, `\s`, `\D`, `\W`…) lets a match run from one record
 *   into the next, and under a quantifier it makes every start position scan to the chunk's end (quadratic:
 *   seconds on a 500 kB chunk for `.*x` with the `s` flag).
 * With neither, a match cannot contain the separator, so it lies inside one record, and whether a record has a match
 * depends on that record's text alone. `\b` and `\B` are fine: the separator is not a word character, like the
 * string's edge. The check is a conservative scan of the source: anything it cannot read plainly falls back.
 */
export function runsWithinRecords(regex: RegExp): boolean {
  const source = regex.source;
  const dotMatchesNewline = regex.flags.includes('s');
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (source.charCodeAt(i) < 0x20) return false; // a pasted control character, maybe a newline
    switch (c) {
      case '^': case '$': return false;
      case '.': if (dotMatchesNewline) return false; i++; break;
      case '(':
        if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) return false; // lookahead or lookbehind
        i++;
        break;
      case '\\': {
        const escape = readEscape(source, i);
        if (escape === null) return false;
        i = escape;
        break;
      }
      case '[': {
        const end = readPositiveClass(source, i);
        if (end === null) return false;
        i = end;
        break;
      }
      default: i++;
    }
  }
  return true;
}

/** Escapes that match neither "\n" nor anything unknown: `\d`, `\w`, `\b`, `\.`, `\t`, `\x41`… */
const SAFE_ESCAPE_LETTERS = new Set(['d', 'w', 'b', 'B', 't', 'r', 'f', 'v', 'k']);

/** Index after a safe escape at `at`, or null when it may match "\n" (or is not plainly readable). */
function readEscape(source: string, at: number): number | null {
  const next = source[at + 1];
  if (next === undefined) return null;
  if (SAFE_ESCAPE_LETTERS.has(next)) return at + 2;
  if (next === 'x') return /^[0-9a-fA-F]{2}$/.test(source.slice(at + 2, at + 4)) && parseInt(source.slice(at + 2, at + 4), 16) !== 0x0a ? at + 4 : null;
  if (next === 'u') return /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6)) && parseInt(source.slice(at + 2, at + 6), 16) !== 0x0a ? at + 6 : null;
  // Letters and digits left are \s \S \D \W \n \c \p \P, octal or backreferences: not worth telling apart.
  if (/[A-Za-z0-9]/.test(next)) return null;
  return at + 2; // an escaped punctuation character matches itself
}

/** Index after a character class that cannot match "\n", or null for a negated class, a range or a risky escape. */
function readPositiveClass(source: string, at: number): number | null {
  let i = at + 1;
  if (source[i] === '^') return null;
  // A "]" right after "[" is an empty class in JavaScript, so the class ends at the first unescaped "]".
  while (i < source.length) {
    const c = source[i]!;
    if (c === ']') return i + 1;
    // With no control character as a literal, a range can only span "\n" from an escaped start (\t-z, \x00-\x7f).
    if (source.charCodeAt(i) < 0x20) return null;
    if (c === '\\') {
      const escape = readEscape(source, i);
      if (escape === null) return null;
      // An escaped range start (\x00-\x7f) could span "\n".
      if (source[escape] === '-' && source[escape + 1] !== ']') return null;
      i = escape;
    } else i++;
  }
  return null;
}

/**
 * Character steps shared by the JSON readers (the filter's path scanner and the detail pane's source reader). Pure
 * string code with no Node imports, so the webview bundles it too. Reads stop at `text.length` explicitly:
 * charCodeAt past the end answers NaN, but V8's optimised code deoptimises on it.
 */

const TAB = 0x09, LF = 0x0a, CR = 0x0d, SPACE = 0x20, ZERO = 0x30, NINE = 0x39;

/** The index of the first character at or after `from` that is not JSON whitespace. */
export function skipWhitespace(text: string, from: number): number {
  let p = from;
  for (const end = text.length; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
  }
  return p;
}

/** The index of the first character at or after `from` that is not an ASCII digit. */
export function skipDigits(text: string, from: number): number {
  let p = from;
  for (const end = text.length; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c < ZERO || c > NINE) break;
  }
  return p;
}

/** True for the char code of a hexadecimal digit (either case). */
export function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

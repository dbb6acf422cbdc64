/**
 * Parsing and checks for the request fields the Connect command asks for (method, headers, body). No `vscode` here,
 * so the rules are tested in plain Node; `advancedRequestPrompts.ts` shows them.
 */

/** RFC 9110 §9.1: a method is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The method, upper-cased, or an Error message. */
export function parseMethod(text: string): string | { error: string } {
  const method = text.trim().toUpperCase();
  if (method === '') return { error: 'Enter a method, for example POST' };
  if (!TOKEN.test(method)) return { error: `"${text.trim()}" is not an HTTP method (letters, digits and !#$%&'*+.^_\`|~- only)` };
  return method;
}

/** Methods whose requests normally carry no body. */
export function methodTakesBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * A `Name: value` header line, or an Error message. Names are tokens (RFC 9110 §5.1); values may not contain CR, LF
 * or NUL (they would split the request).
 */
export function parseHeaderLine(text: string): { name: string; value: string } | { error: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) return { error: 'Write a header as "Name: value"' };
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  if (!TOKEN.test(name)) return { error: `"${name}" is not a valid header name` };
  if (/[\r\n\0]/.test(value)) return { error: 'A header value cannot contain line breaks or NUL' };
  return { name, value };
}

/** Null when `text` is valid JSON, else the parser's message. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

/** Sets `name` in `headers`, replacing a header of the same name in any letter case. */
export function setHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [existing, v] of Object.entries(headers)) if (existing.toLowerCase() !== name.toLowerCase()) out[existing] = v;
  out[name] = value;
  return out;
}

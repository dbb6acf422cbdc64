import { REDACTED, redactText } from '../redact';

// Node only (Buffer): the webview bundles ../redact for header masking, so body previews live here.

/**
 * How many bytes of a body to read for a preview of `maxBytes`: as many more as the longest secret, so that
 * {@link redactedPreview} can tell whether the preview ends inside one.
 */
export function previewReadBytes(maxBytes: number, secretValues: readonly string[]): number {
  return maxBytes + Math.max(0, ...secretValues.map((s) => Buffer.byteLength(s)));
}

/**
 * The first `maxBytes` of a body as text, secrets masked — including one that the end of the preview cuts in two:
 * the bytes after `maxBytes` (read {@link previewReadBytes} of them) show it, and the start of it that falls inside
 * the preview is masked as well (the preview then ends with the mask).
 */
export function redactedPreview(body: Uint8Array, maxBytes: number, secretValues: readonly string[]): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const head = bytes.subarray(0, maxBytes).toString('utf8');
  if (bytes.length <= maxBytes) return redactText(head, secretValues);
  const wider = bytes.subarray(0, previewReadBytes(maxBytes, secretValues)).toString('utf8');
  let cut = head.length;
  for (const secret of secretValues) {
    if (secret.length < 4) continue;
    // The last character of `head` may be a cut character (U+FFFD) that `wider` has whole: start one earlier.
    for (let i = wider.indexOf(secret, Math.max(0, head.length - secret.length - 1)); i !== -1 && i < head.length; i = wider.indexOf(secret, i + 1)) {
      if (i + secret.length > head.length) {
        cut = Math.min(cut, i);
        break;
      }
    }
  }
  return cut < head.length ? `${redactText(head.slice(0, cut), secretValues)}${REDACTED}` : redactText(head, secretValues);
}

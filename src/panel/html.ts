/**
 * The inspector's HTML: a strict Content-Security-Policy (nothing but our own script by nonce and our own styles),
 * no inline handlers, no remote resources. Pure, so it is tested without VS Code.
 */
export function renderInspectorHtml(a: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; title: string }): string {
  const csp = [
    `default-src 'none'`,
    `style-src ${a.cspSource}`,
    `font-src ${a.cspSource}`,
    `img-src ${a.cspSource} data:`,
    `script-src 'nonce-${a.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(a.styleUri)}">
<title>${escapeText(a.title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${a.nonce}" src="${escapeAttribute(a.scriptUri)}"></script>
</body>
</html>`;
}

/** A random nonce for the CSP. */
export function createNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

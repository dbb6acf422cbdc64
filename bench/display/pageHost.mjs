// The inspector page in Chromium with the real host behind it, wired the way VS Code wires a webview: the inspector
// (src/panel/html.ts's page, CSP and all, with dist/webview.js) sits in an iframe of a small "workbench" page, and
// messages cross one process hop each way. Host → webview: the controller's post() goes down a Server-Sent Events
// stream to the workbench page, which hands it to the iframe with postMessage (post() settles once the message is
// written to the socket: VS Code's settles once it is handed over, not when the webview has handled it). Webview →
// host: the iframe posts to its parent, which POSTs it here, in order. Node plays the extension host. The workbench
// is served as http://127.0.0.1 and the inspector as http://localhost, so they are different sites and Chromium runs
// the inspector in a renderer process of its own, as VS Code runs its webviews: the relay's work is not the webview's.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The workbench page: relays messages between this process and the inspector iframe. */
const WORKBENCH_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%;overflow:hidden}iframe{border:0;width:100%;height:100%;display:block}</style></head>
<body><iframe id="inspector"></iframe><script>
const frame = document.getElementById('inspector');
frame.src = 'http://localhost:' + location.port + '/inspector';
const down = new EventSource('/down');
down.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  frame.contentWindow.postMessage(msg, '*');
};
let queue = Promise.resolve();
function send(url, body) {
  queue = queue.then(() => fetch(url, { method: 'POST', body })).catch(() => {});
}
window.addEventListener('message', (e) => {
  if (e.source === frame.contentWindow && e.data && 'fromWebview' in e.data) send('/up', JSON.stringify(e.data.fromWebview));
});
</script></body></html>`;

function stylesheetPath() {
  for (const candidate of ['dist/webview.css', 'media/inspector/inspector.css']) {
    if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  }
  return undefined;
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => resolve(body));
  });
}

/**
 * Serves the workbench page, the inspector page and its files on 127.0.0.1, and carries the messages. `onMessage`
 * gets each webview → host message; `post(msg)` sends one down and settles true once it is written.
 */
async function startWorkbenchServer(renderHtml, onMessage) {
  let down = null;
  const waiting = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'POST') {
      const body = await readBody(req);
      res.writeHead(204).end();
      if (url.pathname === '/up') onMessage(JSON.parse(body));
      return;
    }
    if (url.pathname === '/down') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.flushHeaders();
      down = res;
      for (const frame of waiting.splice(0)) res.write(frame);
      return;
    }
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(WORKBENCH_HTML);
    if (url.pathname === '/inspector') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(renderHtml(`http://${req.headers.host}`));
    const file = path.join(ROOT, decodeURIComponent(url.pathname));
    if (!file.startsWith(ROOT) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    post(msg) {
      const frame = `data: ${JSON.stringify(msg)}\n\n`;
      if (!down) {
        waiting.push(frame);
        return Promise.resolve(true);
      }
      return new Promise((resolve) => down.write(frame, () => resolve(true)));
    },
    close() {
      down?.end();
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Opens an inspector for `session` in `page`; `probe` (a function and its argument) is installed in the inspector
 * frame before the webview's own script. Returns the controller, the inspector's frame and a close().
 */
export async function openInspector(page, host, session, { probe } = {}) {
  const css = stylesheetPath();
  const warnings = [];
  let controller;
  const server = await startWorkbenchServer(
    (origin) => host.renderInspectorHtml({ cspSource: origin, nonce: 'benchnonce', scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/${css ?? 'none.css'}`, title: 'bench' }),
    (msg) => controller.onMessage(msg),
  );
  const port = {
    post: (msg) => server.post(msg),
    exportCapture() {},
    copyText() {},
    openDocument() {},
    warn: (message) => warnings.push(message),
  };
  controller = new host.InspectorController(session, { title: 'bench', method: 'GET', url: session.options.url, mode: 'sse', readOnly: false }, port);
  // Only in the inspector frame: the workbench page is the one that relays.
  await page.addInitScript(() => {
    if (window.top === window) return;
    // VS Code sets its theme's variables on the webview's root element (from script, so the page's CSP allows it):
    // the fonts and a dark theme's main colours, so the page lays out and paints text as it does in VS Code.
    const theme = {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace', '--vscode-editor-font-size': '14px',
      '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-panel-border': '#2b2b2b', '--vscode-badge-background': '#616161', '--vscode-badge-foreground': '#f8f8f8',
      '--vscode-focusBorder': '#0078d4', '--vscode-list-hoverBackground': '#2a2d2e',
    };
    const applyTheme = () => { for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value); };
    if (document.documentElement) applyTheme();
    else document.addEventListener('DOMContentLoaded', applyTheme, { once: true });
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.parent.postMessage({ fromWebview: m }, '*'), getState: () => state, setState: (s) => { state = s; } });
  });
  if (probe) await page.addInitScript({ content: `if (window.top !== window) (${probe.fn})(${JSON.stringify(probe.arg)});` });
  await page.goto(`${server.origin}/`);
  const frame = page.frames().find((f) => f.url().endsWith('/inspector'));
  if (!frame) throw new Error('the inspector frame did not load');
  return {
    controller,
    frame,
    warnings,
    close: () => {
      controller.dispose();
      server.close();
    },
  };
}

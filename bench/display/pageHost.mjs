// The inspector page in Chromium with the real host behind it: the page is src/panel/html.ts's (CSP and all) with
// dist/webview.js, and its messages go to a real InspectorController over a Session in this Node process. Node plays
// the extension host (postMessage becomes page.evaluate, which settles when delivered, as VS Code's does).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORIGIN = 'http://bench.localhost';

function stylesheetPath() {
  for (const candidate of ['dist/webview.css', 'media/inspector/inspector.css']) {
    if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  }
  return undefined;
}

/**
 * Opens an inspector for `session` in `page`; `probe` (a function and its argument) is installed before the webview's
 * own script. Returns the controller and a close().
 */
export async function openInspector(page, host, session, { probe } = {}) {
  const css = stylesheetPath();
  const html = host.renderInspectorHtml({ cspSource: ORIGIN, nonce: 'benchnonce', scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/${css ?? 'none.css'}`, title: 'bench' });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(ROOT, url.pathname);
    if (!file.startsWith(ROOT) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
  const warnings = [];
  const port = {
    post: (msg) => page.evaluate((m) => { window.postMessage(m, '*'); return true; }, msg).catch(() => false),
    exportCapture() {},
    copyText() {},
    openDocument() {},
    warn: (message) => warnings.push(message),
  };
  const controller = new host.InspectorController(session, { title: 'bench', method: 'GET', url: session.options.url, mode: 'sse', readOnly: false }, port);
  await page.exposeBinding('__benchPostToHost', (_source, msg) => controller.onMessage(msg));
  await page.addInitScript(() => {
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__benchPostToHost(m), getState: () => state, setState: (s) => { state = s; } });
  });
  if (probe) await page.addInitScript(probe.fn, probe.arg);
  await page.goto(`${ORIGIN}/`);
  return { controller, warnings, close: () => controller.dispose() };
}

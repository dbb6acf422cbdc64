// A host stand-in for the inspector webview: serves the real dist/webview.js in the real CSP page (src/panel/html.ts),
// answers the typed protocol of src/shared/protocol.ts from a RecordStore in this Node process, and sends
// `records/appended` at most every 33 ms, as the panel does. Node plays the extension host, Chromium the webview.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ORIGIN = 'http://bench.localhost';
const APPENDED_INTERVAL_MS = 33;
const MAX_WINDOW = 2000;

/** The real page builder, bundled on the fly (it is pure TypeScript with no vscode import). */
async function loadRenderInspectorHtml() {
  const out = await esbuild.build({ entryPoints: [path.join(ROOT, 'src/panel/html.ts')], bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'silent' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, require);
  return module.exports.renderInspectorHtml;
}

function stylesheetPath() {
  for (const candidate of ['dist/webview.css', 'media/inspector/inspector.css']) {
    if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  }
  return undefined;
}

function statsOf(store) {
  const size = store.endPosition;
  return { events: size, comments: 0, bytes: size * 100, attempts: 1, reconnects: 0, errors: 0, lastEventId: String(size - 1), dropped: store.dropped, startedAt: Date.now() - 1000, firstEventAt: Date.now() - 999 };
}

/**
 * Opens the inspector in `page` backed by `store`. Returns controls: `appended()` marks the store as grown (sent at
 * most every 33 ms), `unanswered` lists message types the stand-in does not know (new protocol members).
 */
export async function openInspector(page, store, { initScript } = {}) {
  const { RecordStore } = require(path.join(ROOT, 'dist/core.js'));
  if (!(store instanceof RecordStore) && typeof store.slice !== 'function') throw new Error('store must be a RecordStore');
  const renderInspectorHtml = await loadRenderInspectorHtml();
  const css = stylesheetPath();
  const html = renderInspectorHtml({ cspSource: ORIGIN, nonce: 'benchnonce', scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/${css ?? 'none.css'}`, title: 'bench' });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(ROOT, url.pathname);
    if (!file.startsWith(ROOT) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });

  const unanswered = new Set();
  let ready = false;
  let dirty = false;
  const post = (msg) => page.evaluate((m) => window.postMessage(m, '*'), msg).catch(() => {});
  const sendAppended = () => post({ type: 'records/appended', first: store.firstPosition, end: store.endPosition, stats: statsOf(store) });
  await page.exposeBinding('__benchPostToHost', (_source, msg) => {
    switch (msg?.type) {
      case 'ready':
        ready = true;
        void post({ type: 'init', session: { title: 'bench', method: 'GET', url: 'http://127.0.0.1/bench', mode: 'sse', readOnly: false }, state: 'open', first: store.firstPosition, end: store.endPosition, stats: statsOf(store) });
        return;
      case 'records/requestWindow': {
        const records = store.slice(msg.start, Math.min(msg.count, MAX_WINDOW));
        void post({ type: 'records/window', requestId: msg.requestId, start: Math.max(msg.start, store.firstPosition), records });
        return;
      }
      default:
        unanswered.add(String(msg?.type));
    }
  });
  await page.addInitScript(() => {
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__benchPostToHost(m), getState: () => state, setState: (s) => { state = s; } });
  });
  if (initScript) await page.addInitScript(initScript.fn, initScript.arg);
  const timer = setInterval(() => {
    if (ready && dirty) {
      dirty = false;
      void sendAppended();
    }
  }, APPENDED_INTERVAL_MS);
  await page.goto(`${ORIGIN}/`);
  return {
    appended: () => { dirty = true; },
    unanswered,
    stylesheet: css ?? null,
    close: () => clearInterval(timer),
  };
}

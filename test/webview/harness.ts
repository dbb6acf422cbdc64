import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { Session } from '../../src/core/session';
import { createStreamServer, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { InspectorController } from '../../src/panel/inspectorController';
import { renderInspectorHtml } from '../../src/panel/html';
import type { HostToWebview, SessionInfo } from '../../src/shared/protocol';

const ROOT = path.resolve(__dirname, '../../..');
const WEBVIEW_JS = path.join(ROOT, 'dist', 'webview.js');
const STYLE = path.join(ROOT, 'media', 'inspector', 'inspector.css');

/** A few theme variables, as VS Code's dark theme sets them, so the page looks like the real thing in screenshots. */
/** test/webview/page/probes.ts, bundled once for the browser. */
let probesScript: string | undefined;
function probes(): string {
  probesScript ??= buildSync({ entryPoints: [path.join(ROOT, 'test', 'webview', 'page', 'probes.ts')], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'warning' }).outputFiles[0]!.text;
  return probesScript;
}

const THEME_CSS = `:root { --vscode-foreground:#cccccc; --vscode-editor-background:#1e1e1e; --vscode-font-family:sans-serif; --vscode-font-size:13px;
--vscode-editor-font-family:monospace; --vscode-editor-font-size:12px; --vscode-focusBorder:#007fd4; --vscode-badge-background:#4d4d4d;
--vscode-badge-foreground:#ffffff; --vscode-button-background:#0e639c; --vscode-button-foreground:#ffffff; --vscode-panel-border:#444;
--vscode-descriptionForeground:#9d9d9d; --vscode-errorForeground:#f48771; --vscode-list-activeSelectionBackground:#04395e; }`;

/**
 * A stream server whose `/live` route stays open: the test writes raw event-stream bytes with `push`. Real sockets on
 * 127.0.0.1; the session's transport and parser read them for real.
 */
export interface LiveFeed {
  server: StreamServer;
  url: string;
  push(text: string): void;
  /** Ends the open responses (the session then reconnects or stops by its options). */
  end(): void;
  close(): Promise<void>;
}

/** Starts a {@link LiveFeed}; `initial` is written to each new connection first. */
export async function startLiveFeed(initial = ''): Promise<LiveFeed> {
  const open = new Set<http.ServerResponse>();
  const server = await createStreamServer({
    routes: {
      '/live': (_req, res, ctx) => {
        writeEventStreamHead(res);
        if (initial) res.write(initial);
        open.add(res);
        ctx.onClose(() => open.delete(res));
      },
    },
  });
  return {
    server,
    url: `${server.url}/live`,
    push: (text) => { for (const res of open) res.write(text); },
    end: () => { for (const res of open) res.end(); },
    close: () => server.close(),
  };
}

/** The inspector page, its host side, and what the stand-in for VS Code saw. */
export interface Inspector {
  page: Page;
  session: Session;
  controller: InspectorController;
  /** Every state the webview saved with setState, newest last. */
  savedStates: unknown[];
  /** Text put on the "clipboard", documents "opened", export requests. */
  copied: Array<{ text: string; what: string }>;
  opened: Array<{ content: string; language: string }>;
  exports: number;
  /** Closes the page and opens a new one with the last saved state, as VS Code does when a hidden panel is shown. */
  reopen(): Promise<void>;
  /** Errors the page reported (uncaught exceptions, console errors, CSP violations). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Options of {@link openInspector}. */
export interface OpenOptions {
  url: string;
  /** State the webview finds with getState (a hidden panel shown again, or a reload). */
  savedState?: unknown;
  maxRecords?: number;
  /** An existing session (a revived panel); otherwise one is created and started. */
  session?: Session;
  info?: SessionInfo;
  viewport?: { width: number; height: number };
  /** Don't start the session (it is started by the test, or stays closed). */
  noStart?: boolean;
}

/**
 * Serves the built webview (dist/webview.js) on 127.0.0.1 under the same CSP VS Code gets, with a small stand-in for
 * `acquireVsCodeApi` that carries messages to a real {@link InspectorController} in this process, which answers from
 * a real {@link Session} reading a real stream.
 */
export async function openInspector(browser: Browser, options: OpenOptions): Promise<Inspector> {
  const nonce = 'testnonce' + Math.random().toString(36).slice(2);
  let initialState = JSON.stringify(options.savedState ?? null);
  const pageServer = http.createServer((req, res) => {
    const send = (type: string, body: string | Buffer): void => { res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(body); };
    switch (req.url) {
      case '/':
        send('text/html; charset=utf-8', html);
        return;
      case '/webview.js': send('text/javascript', fs.readFileSync(WEBVIEW_JS)); return;
      case '/inspector.css': send('text/css', fs.readFileSync(STYLE)); return;
      case '/theme.css': send('text/css', THEME_CSS); return;
      case '/fake-vscode.js':
        send('text/javascript', `(() => {
  let state = ${initialState.replace(/</g, '\\u003c')};
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => window.__toHost(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => { state = JSON.parse(JSON.stringify(s)); window.__setState(state); },
    };
  };
})();`);
        return;
      case '/favicon.ico': res.writeHead(204).end(); return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  let html = renderInspectorHtml({ cspSource: origin, nonce, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/inspector.css`, title: 'inspector' });
  html = html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme.css">\n<link rel="stylesheet"`)
    .replace(`<script nonce="${nonce}"`, `<script nonce="${nonce}" src="${origin}/fake-vscode.js"></script>\n<script nonce="${nonce}"`);

  const url = new URL(options.url);
  const info: SessionInfo = options.info ?? { title: `${url.host}${url.pathname}`, method: 'GET', url: options.url, mode: 'sse', readOnly: false };
  const session = options.session ?? new Session({ url: options.url }, { maxRecords: options.maxRecords ?? 100_000 });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 700 }, reducedMotion: 'reduce' });
  let page: Page | undefined;
  const result: Inspector = {
    get page(): Page { return page!; },
    session, savedStates: [], copied: [], opened: [], exports: 0, pageErrors: [],
    controller: new InspectorController(session, info, {
      post: (msg: HostToWebview) => {
        const target = page;
        if (!target || target.isClosed()) return Promise.resolve(false);
        return target.evaluate((m) => { (globalThis as unknown as PageGlobal).postMessage(m, '*'); return true; }, msg).catch(() => false);
      },
      exportCapture: () => { result.exports++; },
      copyText: (text, what) => { result.copied.push({ text, what }); },
      openDocument: (content, language) => { result.opened.push({ content, language }); },
      warn: (message) => { result.pageErrors.push(`host warning: ${message}`); },
    }),
    reopen: async () => {
      // What VS Code does when a hidden panel is shown again: the old page is gone, a new one gets the saved state.
      await page?.close();
      result.controller.webviewGone();
      initialState = JSON.stringify(result.savedStates[result.savedStates.length - 1] ?? null);
      await load();
    },
    close: async () => {
      result.controller.dispose();
      session.dispose();
      await context.close();
      await new Promise<void>((resolve) => pageServer.close(() => resolve()));
    },
  };
  const load = async (): Promise<void> => {
    const p = await context.newPage();
    p.on('pageerror', (err) => result.pageErrors.push(`pageerror: ${err.message}`));
    p.on('console', (m) => { if (m.type() === 'error') result.pageErrors.push(`console: ${m.text()}`); });
    await p.exposeFunction('__toHost', (msg: unknown) => { if (page === p) result.controller.onMessage(msg); });
    await p.exposeFunction('__setState', (st: unknown) => { result.savedStates.push(st); });
    await p.addInitScript({ content: probes() });
    await p.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
    page = p;
    await p.goto(`${origin}/`);
  };
  if (!options.noStart && !options.session) session.start();
  await load();
  return result;
}

/** The bits of the page's global scope the host side touches (this file is type-checked without the DOM). */
interface PageGlobal {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Calls a helper of test/webview/page/probes.ts in the page. */
export function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__probes.${call}`) as Promise<T>;
}

/** Waits until `predicate` holds, polling; fails with `message` after `timeoutMs` (kept loose: the machine is loaded). */
export async function waitFor(predicate: () => boolean | Promise<boolean>, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** SSE text for `n` events from `from`, with ids, alternating types and JSON data. */
export function eventBlocks(from: number, n: number, types: readonly string[] = ['trade', 'quote']): string {
  let out = '';
  for (let i = from; i < from + n; i++) out += `event: ${types[i % types.length]}\nid: ${i}\ndata: {"n":${i},"user":{"id":${i % 10}},"sym":"S${i % 7}"}\n\n`;
  return out;
}

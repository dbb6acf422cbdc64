import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { readCaptureFile } from '../../src/core/captureReader';
import type { StreamServer } from '../../src/core/server/streamServer';
import { Session } from '../../src/core/session';
import { replayIntoSession } from '../../src/core/sessionReplay';
import { launchBrowser } from '../e2e/workbench';
import { startResumeServer } from '../helpers/resumeServers';
import { openInspector, waitFor, type Inspector } from './harness';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

describe('webview: disconnect simulation, resume verdict rows and replay controls (headless Chromium)', function () {
  let browser: Browser;
  let server: StreamServer;
  let inspector: Inspector | undefined;

  before(async () => {
    browser = await launchBrowser();
    server = await startResumeServer(1000, 150); // slow enough that a verdict row stays in view
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && inspector) console.error('page errors:', inspector.pageErrors);
    await inspector?.close();
    inspector = undefined;
  });

  it('Drop: a simulated drop, then a "resumed exactly" verdict row and the resumption figure in the stats strip', async () => {
    inspector = await openInspector(browser, { url: `${server.url}/exact` });
    const { page, session } = inspector;
    await page.locator('.record[data-kind="event"]').nth(1).waitFor();
    // The list follows the tail and renders only what is in view: stop the stream right at the verdict.
    session.onDidAppend((r) => { if (r.kind === 'resume') session.stop(); });
    await page.locator('#sim-drop').click();
    await waitFor(() => session.state === 'closed', 'stopped at the verdict');
    const row = page.locator('.record[data-kind="resume"]').first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-verdict'), 'resumed');
    // The verdict is said once, at the start of the message; the badge names the kind (the column cut "resume: re…").
    assert.equal(await row.locator('.badge').textContent(), 'resume');
    assert.match(await row.locator('.cell.data').textContent() ?? '', /^resumed exactly: sent Last-Event-ID "\d+", first id back "\d+"$/);
    assert.ok(session.store.all().some((r) => r.kind === 'error' && r.simulated === true));
    // The drop's error row shows the attempt's bytes in Size, and says whose they are.
    const dropRow = page.locator('.record[data-kind="error"]').first();
    assert.match(await dropRow.locator('.cell.size').textContent() ?? '', /\d B|KiB/);
    assert.match(await dropRow.locator('.cell.size').getAttribute('title') ?? '', /^bytes of the response body attempt 1 received before this error row$/);
    await waitFor(async () => /Resumption 1\/1 exact/.test(await page.locator('[data-stat="resume"]').textContent() ?? ''), 'resumption stat');
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('a schedule set in the toolbar runs on the host; Stop ends it', async () => {
    inspector = await openInspector(browser, { url: `${server.url}/exact` });
    const { page, session } = inspector;
    await page.locator('.record[data-kind="event"]').first().waitFor();
    await page.locator('#sim-kind').selectOption('afterEvents');
    await page.locator('#sim-value').fill('3');
    await page.locator('#sim-mid').check();
    await page.locator('#sim-apply').click();
    await waitFor(async () => (await page.locator('#sim-status').textContent()) === 'drop after 3 event(s), mid-event', 'plan shown');
    assert.deepEqual(session.disconnectPlan, { afterEvents: 3, midEvent: true });
    await waitFor(() => session.store.all().some((r) => r.kind === 'discarded'), 'a mid-event drop happened', 30_000);
    await page.locator('#sim-stop').click();
    await waitFor(async () => (await page.locator('#sim-status').textContent()) === 'no scheduled drops', 'plan stopped');
    assert.equal(session.disconnectPlan, undefined);
    // A bad value is refused in the webview, with a message, and nothing is sent.
    await page.locator('#sim-value').fill('2.5');
    await page.locator('#sim-apply').click();
    assert.match(await page.locator('#sim-status').textContent() ?? '', /whole number/);
    assert.equal(session.disconnectPlan, undefined);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('a server that ignores Last-Event-ID: a "header ignored" row marked as a problem, duplicates flagged, stats warn', async () => {
    inspector = await openInspector(browser, { url: `${server.url}/ignores-header` });
    const { page, session } = inspector;
    await page.locator('.record[data-kind="event"]').nth(2).waitFor();
    // Stop at the first duplicate, synchronously, so the verdict row stays within the rendered tail however slow the page is.
    session.onDidAppend((r) => { if (r.kind === 'event' && r.flags?.includes('duplicate')) session.stop(); });
    await page.locator('#sim-drop').click();
    await waitFor(() => session.state === 'closed', 'stopped after the first duplicate');
    const row = page.locator('.record[data-kind="resume"]').first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-verdict'), 'header-ignored');
    assert.match(await row.getAttribute('class') ?? '', /verdict-bad/);
    assert.equal(await row.locator('.badge').textContent(), 'resume');
    assert.match(await row.locator('.cell.data').textContent() ?? '', /^header ignored: /);
    await page.locator('.record[data-kind="event"] .flag').first().waitFor();
    assert.match(await page.locator('.record[data-kind="event"] .flag').first().textContent() ?? '', /duplicate/);
    await waitFor(async () => (await page.locator('[data-stat="resume"]').getAttribute('class'))?.includes('warn') === true, 'stats warn');
    assert.match(await page.locator('[data-stat="resume"]').textContent() ?? '', /0\/1 exact; 1 header ignored/);
  });

  it('replay controls: step, play to the end, seek back; the simulation group is hidden for a capture', async () => {
    const capture = await readCaptureFile(path.join(CAPTURES, 'C03-anthropic-messages-basic.sse'));
    const session = new Session({ url: capture.header.url }, { maxRecords: 10_000, readOnly: true, captureHeader: capture.header });
    const replay = replayIntoSession(session, capture.records, { paused: true, speed: 50 });
    inspector = await openInspector(browser, {
      url: 'http://capture.invalid/stream', session,
      info: { title: 'Replay: C03', method: 'GET', url: capture.header.url, mode: 'sse', readOnly: true, capture: 'replay' },
    });
    const { page } = inspector;
    await page.locator('#replay-toggle').waitFor();
    assert.equal(await page.locator('.group-simulation').isHidden(), true);
    assert.equal(await page.locator('#replay-position').textContent(), `0 / ${capture.records.length} · paused`);
    await page.locator('#replay-step').click();
    await page.locator('.record').first().waitFor();
    assert.equal(replay.position, 1);
    await page.locator('#replay-speed').selectOption('100');
    await waitFor(() => replay.speed === 100, 'speed set');
    await page.locator('#replay-toggle').click();
    await waitFor(() => replay.state === 'ended', 'played to the end');
    await waitFor(async () => (await page.locator('#replay-position').textContent()) === `${capture.records.length} / ${capture.records.length} · ended`, 'position shown');
    await page.locator('.record[data-kind="discarded"]').waitFor();
    await page.locator('#replay-seek').fill('2');
    await page.locator('#replay-seek').dispatchEvent('change');
    await waitFor(() => replay.position === 2 && session.store.size === 2, 'seeked back');
    await waitFor(async () => (await page.locator('.record').count()) === 2, 'two rows after the seek');
    assert.deepEqual(inspector.pageErrors, []);
    replay.dispose();
  });
});

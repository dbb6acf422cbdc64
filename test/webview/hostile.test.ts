import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

const MEGABYTE_LINE = `{"blob":"${'A'.repeat(1024 * 1024)}"}`;
/** Payloads that try to run script, load things, reorder text or break the layout. Each is one event's data. */
const PAYLOADS: readonly string[] = [
  '<script>window.__pwned = "script tag"</script>',
  '<img src=x onerror="window.__pwned = \'img onerror\'">',
  '<svg onload="window.__pwned = \'svg onload\'"></svg><iframe src="javascript:window.__pwned=1"></iframe>',
  'javascript:window.__pwned = "javascript url"',
  '<a href="javascript:window.__pwned=1">click me</a><style>body{display:none}</style><link rel=stylesheet href="http://127.0.0.1:1/x.css">',
  MEGABYTE_LINE,
  'control: \u0000\u0001\u0007\u0008\u000b\u001b[31mred\u001b[0m \u007f \u0085 end',
  'bidi: \u202eevil.exe\u202c \u2066isolate\u2069 \u200f rtl mark',
  '{"looks": "like json", }',
  '{"a": <b>bold</b>}',
  '{"unterminated": "string}',
  `{"deep": ${'['.repeat(300)}${']'.repeat(300)}}`,
  'x'.repeat(5000) + '<script>window.__pwned="tail"</script>',
];

describe('webview: hostile payloads execute nothing and the layout holds', function () {
  this.timeout(120_000);
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector;

  before(async () => {
    browser = await launchBrowser();
    feed = await startLiveFeed();
  });
  after(async () => {
    await inspector?.close();
    await feed?.close();
    await browser?.close();
  });

  it('shows HTML, javascript: URLs, 1 MB lines, control characters, bidi overrides and broken JSON as inert text', async () => {
    inspector = await openInspector(browser, { url: feed.url, viewport: { width: 1000, height: 900 } });
    const { page, session } = inspector;
    await waitFor(() => session.state === 'open', 'session open');
    let wire = ': <script>window.__pwned="comment"</script>\n\n';
    PAYLOADS.forEach((p, i) => {
      // Hostile event types and ids too (ids cannot hold NUL; types can hold anything but line breaks).
      wire += `event: \u202e<img src=x onerror="window.__pwned='type ${i}'">\u0007\nid: \u202e${i}<b>\n`;
      for (const line of p.split(/\r\n|\r|\n/)) wire += `data: ${line}\n`;
      wire += '\n';
    });
    feed.push(wire);
    await waitFor(() => session.getStats().events === PAYLOADS.length, 'every payload recorded');
    await waitFor(async () => (await page.locator('.record[data-kind="event"]').count()) === PAYLOADS.length, 'every payload in the list');

    const dataCells = await page.locator('.record[data-kind="event"] .cell.data').allTextContents();
    assert.equal(dataCells[0], '<script>window.__pwned = "script tag"</script>', 'markup is shown as text');
    assert.ok(dataCells[5]!.length < 400, 'a 1 MB line is cut to a preview in the row');
    assert.ok(!dataCells.some((t) => /[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/.test(t)), 'no raw control or bidi characters reach a row');
    assert.match(dataCells[6]!, /␀␁␇␈␋␛\[31mred/);
    assert.match(dataCells[7]!, /bidi: \ufffdevil\.exe/);
    assert.match(await page.locator('.record[data-kind="comment"] .cell.data').textContent() ?? '', /^: <script>/);

    // Open each payload in the detail pane: still nothing runs, and broken JSON falls back to raw text.
    for (let i = 0; i < PAYLOADS.length; i++) {
      await page.locator('.record[data-kind="event"]').nth(i).click();
      await page.locator('#detail .detail-timing').waitFor();
      await waitFor(async () => (await page.locator('#detail .detail-timing').textContent())?.includes(`\ufffd${i}<b>`) === true, `detail of payload ${i}`);
    }
    // The types and ids show their bidi overrides and control characters as visible marks wherever they appear: the
    // type badge and its tooltip, the type chips, the id and last-event-id cells, the detail title, the stats strip.
    const places = await probe<Record<string, string[]>>(page, `textsOf(${JSON.stringify(['.record[data-kind="event"] .badge', '.chip', '.record[data-kind="event"] .cell.id', '.record[data-kind="event"] .cell.lastid', '#detail-title', '[data-stat="lastid"] .stat-value'])})`);
    for (const [selector, texts] of Object.entries(places)) {
      assert.ok(texts.length > 0, `${selector} is shown`);
      for (const text of texts) {
        assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/.test(text), `${selector}: no raw control or bidi character in ${JSON.stringify(text)}`);
        assert.match(text, /\ufffd/, `${selector}: the override is marked in ${JSON.stringify(text)}`);
      }
    }
    assert.ok(places['.record[data-kind="event"] .badge']!.includes('title: \ufffd<img src=x onerror="window.__pwned=\'type 0\'">␇'), 'the badge tooltip');
    assert.equal(places['[data-stat="lastid"] .stat-value']![0], `\ufffd${PAYLOADS.length - 1}<b>`);

    await page.locator('.record[data-kind="event"]').nth(8).click();
    await page.locator('#detail pre.raw-text', { hasText: 'like json' }).waitFor();
    assert.equal(await page.locator('#detail .json-tree').count(), 0, 'invalid JSON that looks like JSON is shown raw');
    await page.locator('.record[data-kind="event"]').nth(5).click();
    await page.locator('#detail .json-string').first().waitFor();
    assert.match(await page.locator('#detail .json-string').first().textContent() ?? '', /… \(1048576 characters\)"$/);
    await page.locator('#detail #copy-data').click();
    await waitFor(() => inspector.copied.length === 1, 'copied');
    assert.equal(inspector.copied[0]!.text, MEGABYTE_LINE, 'Copy data gives the whole 1 MB line');

    await page.waitForTimeout(300); // time for any injected handler to fire, if one had slipped through
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'no payload executed');
    const active = await probe<Record<string, number>>(page, 'activeContent()');
    assert.deepEqual(active, { scripts: 2, images: 0, frames: 0, links: 0, objects: 0, inlineHandlers: 0 });
    const layout = await probe<{ rowHeights: number[]; pageOverflowX: boolean; toolbarTop: number; statsBottom: number; viewportHeight: number; rowOverflow: boolean }>(page, 'layout()');
    assert.ok(layout.rowHeights.every((h) => h === 22), `rows keep their height: ${layout.rowHeights.join(',')}`);
    assert.equal(layout.pageOverflowX, false, 'nothing widens the page');
    assert.equal(layout.rowOverflow, false, 'no row is wider than the list');
    assert.ok(layout.toolbarTop >= 0 && layout.toolbarTop < 5, 'the toolbar stays on top');
    assert.ok(Math.abs(layout.statsBottom - layout.viewportHeight) < 2, 'the stats strip stays at the bottom');
    assert.deepEqual(inspector.pageErrors, [], 'no script errors, no CSP violations');
  });
});

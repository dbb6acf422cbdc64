import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

// The detail pane's JSON tree and Open in editor show exactly what the server sent (JSON.parse rounds big ids, reads
// 1.10 as 1.1, keeps one of two equal keys and moves integer-like keys first), and small records open whole.

const NUMBERS = '{"id":12345678901234567890,"price":1.10,"big":9007199254740993,"neg":-0,"exp":1e3}';
const KEY_ORDER = '{"b":1,"2":"two","1":"one"}';
const REPEATED = '{"a":1,"nested":{"x":true,"x":false},"a":2}';
const LLM_CHUNK = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello there"},"logprobs":null,"finish_reason":null}]}';
const BIG = JSON.stringify({ meta: { page: 1 }, rows: Array.from({ length: 200 }, (_, i) => ({ i, name: `row ${i}` })) });
const DEEP = `{"deep":${'['.repeat(100_000)}7${']'.repeat(100_000)}}`;
const DATAS = [NUMBERS, KEY_ORDER, REPEATED, LLM_CHUNK, BIG, DEEP];

describe('webview: the detail pane shows JSON as sent', function () {
  this.timeout(120_000);
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector;

  before(async () => {
    browser = await launchBrowser();
    feed = await startLiveFeed();
    inspector = await openInspector(browser, { url: feed.url, viewport: { width: 1300, height: 900 } });
    await waitFor(() => inspector.session.state === 'open', 'session open');
    feed.push(DATAS.map((data, i) => `id: ${i}\ndata: ${data}\n\n`).join(''));
    await waitFor(() => inspector.session.getStats().events === DATAS.length, 'every event recorded');
  });
  after(async () => {
    await inspector?.close();
    await feed?.close();
    await browser?.close();
  });

  /** Opens event `i` in the detail pane and waits for the host's whole record. */
  async function showEvent(i: number): Promise<void> {
    const { page } = inspector;
    await page.locator('.record[data-kind="event"]').nth(i).click();
    await waitFor(async () => (await page.locator('#detail-title').textContent())?.includes(`id ${i} `) === true, `detail of event ${i}`);
    await page.locator('#detail .raw-lines[data-source="received"]').waitFor();
  }

  it('shows numbers as written and opens them unchanged in an editor', async () => {
    const { page } = inspector;
    await showEvent(0);
    assert.deepEqual(await page.locator('#detail .json-number').allTextContents(), ['12345678901234567890', '1.10', '9007199254740993', '-0', '1e3']);
    await page.locator('#detail #open-data').click();
    await waitFor(() => inspector.opened.length === 1, 'opened in an editor');
    assert.deepEqual(inspector.opened[0], {
      content: '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "big": 9007199254740993,\n  "neg": -0,\n  "exp": 1e3\n}',
      language: 'json',
    });
  });

  it('keeps keys in the order they were sent', async () => {
    const { page } = inspector;
    await showEvent(1);
    assert.deepEqual(await page.locator('#detail .json-key').allTextContents(), ['b', '2', '1']);
  });

  it('shows every repeated key, marked in words, with a note', async () => {
    const { page } = inspector;
    await showEvent(2);
    const rows = await page.locator('#detail .json-tree .json-leaf, #detail .json-tree summary').allTextContents();
    assert.deepEqual(rows, [
      '{ 3 keys }', 'a: 1duplicate key 1 of 2', 'nested: { 2 keys }', 'x: trueduplicate key 1 of 2', 'x: falseduplicate key 2 of 2', 'a: 2duplicate key 2 of 2',
    ]);
    assert.match(await page.locator('#detail .json-repeat').first().getAttribute('title') ?? '', /"a" occurs 2 times in this object; JSON\.parse keeps only the last/);
    assert.match(await page.locator('#detail .json-repeat-note').textContent() ?? '', /repeats keys within an object/);
    assert.ok(await page.locator('#detail .json-repeat-note').isVisible());
    await page.locator('#detail #open-data').click();
    await waitFor(() => inspector.opened.length === 2, 'opened in an editor');
    assert.equal(inspector.opened[1]!.content, '{\n  "a": 1,\n  "nested": {\n    "x": true,\n    "x": false\n  },\n  "a": 2\n}');
  });

  it("opens a small record whole: an LLM chunk's choices[0].delta.content shows without a click", async () => {
    const { page } = inspector;
    await showEvent(3);
    assert.equal(await page.locator('#detail .json-repeat-note').count(), 0);
    assert.ok(await page.locator('#detail .json-string', { hasText: '"Hello there"' }).isVisible());
    assert.equal(await page.locator('#detail .json-tree details:not([open])').count(), 0, 'every node open');
  });

  it('keeps the big parts of a big record collapsed, built when opened with the keyboard', async () => {
    const { page } = inspector;
    await showEvent(4);
    assert.equal(await probe<string>(page, 'jsonNodeOpen("meta")'), 'open', 'a small part opens');
    assert.equal(await probe<string>(page, 'jsonNodeOpen("rows")'), 'closed', '200 rows stay collapsed');
    assert.equal(await probe<string>(page, 'jsonNodeOpen("0")'), 'missing', 'children of a closed node are built when it opens');
    const rows = page.locator('#detail details.json-node > summary', { hasText: /^rows: \[/ });
    await rows.focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => (await probe<string>(page, 'jsonNodeOpen("rows")')) === 'open', 'Enter opens the node');
    // The children are built by the 'toggle' event, which the browser fires a task after the node opens.
    await waitFor(async () => (await probe<string>(page, 'jsonNodeOpen("0")')) === 'closed', 'its children built, each closed');
    assert.equal(await page.locator('#detail details.json-node > summary', { hasText: /^\d+: \{/ }).count(), 200);
    await page.keyboard.press(' ');
    await waitFor(async () => (await probe<string>(page, 'jsonNodeOpen("rows")')) === 'closed', 'Space closes it again');
  });

  it('reads 100 000 levels of nesting and opens only the first levels', async () => {
    const { page } = inspector;
    await showEvent(5);
    await page.locator('#detail .json-tree').waitFor();
    const levels = await page.locator('#detail .json-tree details[open]').count();
    assert.ok(levels > 2 && levels <= 12, `${levels} levels open`);
    assert.deepEqual(inspector.pageErrors, []);
  });
});

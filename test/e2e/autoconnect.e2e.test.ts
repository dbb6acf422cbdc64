import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inspectorFrame } from './workbench';
import { useWorkbench } from './workbenchFixture';

// `FEED=poll npm start` starts code-server with these variables: the inspector must open on the feed with the feed's
// own request (long polling here), not as a plain SSE GET of its URL.
describe('e2e: npm start opens the chosen demo feed with its own request (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ env: (demoUrl) => ({ STREAM_DEBUGGER_AUTOCONNECT: `${demoUrl}/poll`, STREAM_DEBUGGER_AUTOCONNECT_FEED: 'poll' }) });
  let page: Page;
  before(() => {
    ({ page } = workbench);
  });

  it('FEED=poll: the inspector long-polls the demo /poll feed without a click', async () => {
    await page.locator('.tab', { hasText: '/poll' }).first().waitFor({ timeout: 60_000 });
    const frame = inspectorFrame(page);
    await frame.locator('.record[data-kind="event"]').nth(1).waitFor({ timeout: 60_000 });
    assert.ok(await frame.locator('.record[data-kind="poll"]').count() >= 1, 'poll rows: the request is long polling');
    assert.deepEqual((await frame.locator('.record[data-kind="event"] .cell.id').allTextContents()).slice(0, 2), ['1', '2']);
  });
});

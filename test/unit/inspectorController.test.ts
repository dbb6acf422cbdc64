import * as assert from 'node:assert/strict';
import { Session } from '../../src/core/session';
import { InspectorController } from '../../src/panel/inspectorController';
import type { HostToWebview } from '../../src/shared/protocol';

// The host side of the inspector in plain Node: a Session holding a capture's records (ingested, as a capture
// inspector does) and a port that keeps what the controller posts.

function openController(records: number, maxRecords = records + 10): { controller: InspectorController; posted: HostToWebview[]; session: Session } {
  const session = new Session({ url: 'http://127.0.0.1:9/capture' }, { maxRecords });
  for (let seq = 0; seq < records; seq++) {
    const data = `{"user":{"id":${seq % 10}},"pad":"${'p'.repeat(40)}"}`;
    session.ingest({ kind: 'event', seq, t: 1_700_000_000_000 + seq, attempt: 1, type: 'message', data, id: String(seq), lastEventId: String(seq), bytes: data.length });
  }
  const posted: HostToWebview[] = [];
  const controller = new InspectorController(session, { title: 'capture', method: 'GET', url: session.options.url, mode: 'sse', readOnly: true, capture: 'file' }, {
    post: (m) => { posted.push(m); return Promise.resolve(true); },
    exportCapture: () => {}, copyText: () => {}, openDocument: () => {}, warn: (m) => { throw new Error(`unexpected warning: ${m}`); },
  });
  return { controller, posted, session };
}

describe('inspector controller: keeping the selection through a slow filter', () => {
  it('a filter whose scan outlasts its first slice still says where the kept record went, in a later update', async function () {
    this.timeout(60_000);
    const { controller, posted, session } = openController(400_000);
    try {
      controller.onMessage({ type: 'ready' });
      const keep = 399_997; // the newest record with user 7: the last one a scan from the oldest reaches
      // `contains` on an object reads its JSON text, so every record is parsed: a filter slow enough to outlast a slice.
      controller.onMessage({ type: 'filter/set', requestId: 1, query: { text: 'data.user contains 7' }, keepSeq: keep });
      const result = posted.find((m) => m.type === 'filter/result');
      assert.ok(result && result.type === 'filter/result' && result.ok);
      assert.ok(result.list.scanning, 'contains on an object outlasts its first slice');
      assert.equal(result.keptPosition, undefined, 'not scanned yet: no position');
      const deadline = Date.now() + 50_000;
      let kept: number | undefined = result.keptPosition;
      while (kept === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        for (const m of posted) if (m.type === 'records/appended' && m.keptPosition !== undefined) kept = m.keptPosition;
      }
      assert.equal(kept, controller.view.viewPositionOfSeq(keep));
      assert.equal(kept, 39_999, 'the 40 000th match');
      assert.equal(session.store.at(controller.view.storePositions(kept!, 1)[0]!)?.seq, keep);
    } finally {
      controller.dispose();
      session.dispose();
    }
  });
});

describe('inspector controller: event type chips', () => {
  it('a new type in the last records before the stream goes quiet still reaches the webview', async () => {
    const { controller, posted, session } = openController(10);
    try {
      controller.onMessage({ type: 'ready' });
      for (let seq = 10; seq < 13; seq++) {
        session.ingest({ kind: 'event', seq, t: 1_700_000_000_000 + seq, attempt: 1, type: 'trade', data: '{}', id: String(seq), lastEventId: String(seq), bytes: 2 });
      }
      const typesPosted = (): string[] => {
        const updates = posted.filter((m) => m.type === 'records/appended' && m.types !== undefined);
        const last = updates[updates.length - 1];
        return last?.type === 'records/appended' ? [...last.types ?? []] : [];
      };
      const deadline = Date.now() + 5_000;
      while (!typesPosted().includes('trade') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(typesPosted(), ['message', 'trade'], 'nothing else arrives, yet the chips learn of "trade"');
    } finally {
      controller.dispose();
      session.dispose();
    }
  });

  it('types travel only when the chips\' list grew, and at most the first 40 of them', async () => {
    const { controller, posted, session } = openController(0, 1000);
    try {
      controller.onMessage({ type: 'ready' });
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.deepEqual(init.types, []);
      let seq = 0;
      const add = (type: string): void => session.ingest({ kind: 'event', seq, t: 1_700_000_000_000 + seq++, attempt: 1, type, data: '{}', id: null, lastEventId: '', bytes: 2 });
      const updates = (): Array<Extract<HostToWebview, { type: 'records/appended' }>> => posted.filter((m): m is Extract<HostToWebview, { type: 'records/appended' }> => m.type === 'records/appended');
      const settle = async (events: number): Promise<void> => {
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline && updates().at(-1)?.stats.events !== events) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200)); // the index catches up after an update, and a types update follows
      };
      for (let i = 0; i < 100; i++) add(`type-${i}`);
      await settle(100);
      const withTypes = updates().filter((u) => u.types !== undefined);
      assert.ok(withTypes.length >= 1);
      assert.deepEqual(withTypes.at(-1)!.types, Array.from({ length: 40 }, (_, i) => `type-${i}`), 'the first 40 types');
      const before = updates().length;
      for (let i = 0; i < 50; i++) add(`type-${i % 7}`); // no new type
      for (let i = 100; i < 110; i++) add(`type-${i}`); // new types past the first 40: no chip for them
      await settle(160);
      assert.ok(updates().length > before, 'updates went out');
      assert.deepEqual(updates().slice(before).filter((u) => u.types !== undefined), [], 'none of them carries the types');
    } finally {
      controller.dispose();
      session.dispose();
    }
  });
});

// (d) Ours: dist/core.js — connect() through a Session that numbers, counts and stores every record, as the
// extension host does.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Session } = require('../../../dist/core.js');

export function start(url, scenario, sink) {
  const session = new Session({ url, reconnect: false }, { maxRecords: scenario.events + 100 });
  session.onDidAppend((record) => {
    if (record.kind === 'event') sink.event(record.data);
  });
  session.onDidChangeState((state) => {
    if (state === 'closed') sink.end();
  });
  session.start();
  return () => session.stop();
}

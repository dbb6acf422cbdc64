// (b'+rec) A control, not a peer: the bare StringDecoder pipeline that also keeps one record object per event in an
// array. The difference to (b') is what recording alone costs in V8 (allocation and GC of retained objects), the
// floor under any recording client such as (d).
import * as http from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';

export function start(url, _scenario, sink) {
  const decoder = new StringDecoder('utf8');
  const kept = [];
  let seq = 0;
  const parser = createParser({
    onEvent: (m) => {
      kept.push({ kind: 'event', seq: seq++, t: Date.now(), attempt: 1, type: m.event || 'message', data: m.data, id: m.id ?? null, lastEventId: '', bytes: m.data.length });
      sink.event(m.data);
    },
  });
  const req = http.get(url, (res) => {
    res.on('data', (chunk) => {
      sink.bytes(chunk.length);
      parser.feed(decoder.write(chunk));
    });
    res.on('end', () => sink.end());
  });
  req.on('error', (err) => sink.fail(err));
  return () => req.destroy();
}

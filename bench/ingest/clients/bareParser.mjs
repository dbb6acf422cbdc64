// (b) The bare pipeline: node:http + a streaming UTF-8 decoder + eventsource-parser, no records, no bookkeeping.
// DECODER=text uses TextDecoder (the reference pipeline in DESIGN.md); DECODER=string uses node's StringDecoder.
import * as http from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';

function createDecoder(kind) {
  if (kind === 'string') {
    const decoder = new StringDecoder('utf8');
    return (chunk) => decoder.write(chunk);
  }
  const decoder = new TextDecoder();
  return (chunk) => decoder.decode(chunk, { stream: true });
}

export function start(url, _scenario, sink, options) {
  const decode = createDecoder(options.decoder);
  const parser = createParser({ onEvent: (message) => sink.event(message.data) });
  const req = http.get(url, (res) => {
    res.on('data', (chunk) => {
      sink.bytes(chunk.length);
      parser.feed(decode(chunk));
    });
    res.on('end', () => sink.end());
  });
  req.on('error', (err) => sink.fail(err));
  return () => req.destroy();
}

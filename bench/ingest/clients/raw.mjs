// (a) The limit: node:http reading the body and counting bytes, nothing else.
import * as http from 'node:http';

/** Starts the client; `sink.bytes(n)` per chunk, `sink.end()` when the response ends. */
export function start(url, _scenario, sink) {
  const req = http.get(url, (res) => {
    res.on('data', (chunk) => sink.bytes(chunk.length));
    res.on('end', () => sink.end());
  });
  req.on('error', (err) => sink.fail(err));
  return () => req.destroy();
}

// (c) The `eventsource` npm package (4.x: the newest line that runs on Node 20), as a user would use it.
import { EventSource } from 'eventsource';

export function start(url, scenario, sink) {
  const source = new EventSource(url);
  const onEvent = (event) => sink.event(event.data);
  // EventSource dispatches named types only to listeners of that name.
  for (const type of scenario.types) source.addEventListener(type, onEvent);
  source.addEventListener('error', () => {
    // The server ended the response; EventSource would reconnect, so this is the end of the run.
    if (source.readyState !== EventSource.OPEN) sink.end();
  });
  return () => source.close();
}

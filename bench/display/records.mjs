// Records the display benchmark feeds the webview: 100-byte events whose data starts with a marker `#<seq>#`, so the
// page can tell from the text on screen which records are painted.

/** An event record as the session would store it; `t` is its arrival time. */
export function benchEvent(seq, t) {
  const marker = `#${seq}# `;
  return { kind: 'event', seq, t, attempt: 1, type: 'message', data: marker + 'x'.repeat(Math.max(0, 100 - marker.length)), id: String(seq), lastEventId: String(seq), bytes: 100 };
}

/** The marker a painted record shows. */
export function markerOf(seq) {
  return `#${seq}#`;
}

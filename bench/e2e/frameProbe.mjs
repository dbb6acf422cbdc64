// Runs inside the inspector's webview frame in code-server: once each animation frame is rendered, finds the newest paced event
// on screen (its data reads `t=<server write time>;n=<n>;…`) and records how long after the server wrote it it appears.

/** Installed with frame.evaluate; state lives on window.__e2e. */
export function installFrameProbe() {
  const state = { samples: [], arrivals: [], frames: 0, framesWithRows: 0, maxN: -1 };
  window.__e2e = state;
  const pattern = /t=(\d+\.\d+);n=(\d+);/g;
  // Read once the frame is rendered: a message posted from a frame callback runs after that frame's rendering (the
  // list's own frame callback, layout, paint, commit), so a row drawn in this frame counts in this frame.
  const afterFrame = new MessageChannel();
  afterFrame.port1.onmessage = () => {
    const now = performance.now();
    const text = document.body ? document.body.textContent : '';
    let newest = null;
    for (const m of text.matchAll(pattern)) {
      const n = Number(m[2]);
      if (newest === null || n > newest.n) newest = { n, writtenAt: Number(m[1]) };
    }
    if (newest) state.framesWithRows++;
    if (newest && newest.n > state.maxN) {
      state.maxN = newest.n;
      state.samples.push([newest.n, performance.timeOrigin + now - newest.writtenAt, performance.timeOrigin + now]);
    }
  };
  // When the newest event of each host message reaches the webview (before it is drawn): the transport's share.
  window.addEventListener('message', (e) => {
    const now = performance.timeOrigin + performance.now();
    let newest = null;
    for (const m of JSON.stringify(e.data).matchAll(pattern)) {
      const n = Number(m[2]);
      if (newest === null || n > newest.n) newest = { n, writtenAt: Number(m[1]) };
    }
    if (newest) state.arrivals.push(now - newest.writtenAt);
  }, true);
  const onFrame = () => {
    state.frames++;
    afterFrame.port2.postMessage(null);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Reads what the probe saw. */
export function readFrameProbe() {
  const s = window.__e2e;
  return { samples: s.samples, arrivals: s.arrivals, frames: s.frames, framesWithRows: s.framesWithRows, maxN: s.maxN };
}

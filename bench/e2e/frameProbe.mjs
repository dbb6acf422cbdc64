// Runs inside the inspector's webview frame in code-server: each animation frame, finds the newest paced event on
// screen (its data reads `t=<server write time>;n=<n>;…`) and records how long after the server wrote it it appears.

/** Installed with frame.evaluate; state lives on window.__e2e. */
export function installFrameProbe() {
  const state = { samples: [], frames: 0, framesWithRows: 0, maxN: -1 };
  window.__e2e = state;
  const pattern = /t=(\d+\.\d+);n=(\d+);/g;
  const onFrame = (now) => {
    state.frames++;
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
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Reads what the probe saw. */
export function readFrameProbe() {
  const s = window.__e2e;
  return { samples: s.samples, frames: s.frames, framesWithRows: s.framesWithRows, maxN: s.maxN };
}

#!/usr/bin/env bash
# `npm start`: the product on its built-in demo stream server.
# Builds the extension, starts the demo feeds on 127.0.0.1, then opens VS Code with the extension loaded and an
# inspector connected to the ticker feed:
#   - with a local `code` CLI (and a display): a new Extension Development Host window;
#   - otherwise (a headless machine): code-server 4.100.3 (installed once into ~/.cache/stream-debugger) on
#     127.0.0.1, and it prints the URL to open in a browser.
# Env: PORT (code-server port, default 8765), FEED (demo feed to open, default ticker).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
FEED=${FEED:-ticker}
PORT=${PORT:-8765}

node esbuild.mjs
RUN=$(mktemp -d -t stream-debugger-start.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM

setsid node dist/cli.js demo > "$RUN/demo.txt" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "^poll " "$RUN/demo.txt" 2>/dev/null && break; sleep 0.1; done
FEED_URL=$(awk -v f="$FEED" '$1 == f { print $2 }' "$RUN/demo.txt")
[[ -n "$FEED_URL" ]] || { echo "demo server did not start or has no feed '$FEED':"; cat "$RUN/demo.txt"; exit 1; }
echo "Demo feeds:"
sed 's/^/  /' "$RUN/demo.txt"

if command -v code >/dev/null 2>&1 && [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" || "$(uname)" == "Darwin" ]]; then
  echo "Opening VS Code with the extension and an inspector on $FEED_URL"
  STREAM_DEBUGGER_AUTOCONNECT="$FEED_URL" STREAM_DEBUGGER_AUTOCONNECT_FEED="$FEED" code --new-window --extensionDevelopmentPath="$ROOT" --disable-workspace-trust
  echo "The demo server keeps running; press Ctrl+C to stop it."
  wait
  exit 0
fi

PREFIX=$(bash scripts/ensure-e2e-deps.sh --no-browser | tail -1)
mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/ws"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
echo "Stream Debugger demo workspace" > "$RUN/ws/README.txt"
EXT_ID=$(node -p 'const p=require("./package.json"); `${p.publisher}.${p.name}-${p.version}`')
# A fresh extensions folder with the project linked in: code-server scans it on first start.
ln -s "$ROOT" "$RUN/ext/$EXT_ID"
STREAM_DEBUGGER_AUTOCONNECT="$FEED_URL" STREAM_DEBUGGER_AUTOCONNECT_FEED="$FEED" setsid "$PREFIX/code-server" --config /dev/null \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "code-server failed to start:"; tail -20 "$RUN/code-server.log"; exit 1; }
  sleep 0.1
done
echo
echo "VS Code (code-server) with Stream Debugger is running. Open this URL in a browser:"
echo
echo "  http://127.0.0.1:$PORT/?folder=$RUN/ws"
echo
echo "An inspector on $FEED_URL opens beside the editor (once: a page reload restores it, with Reconnect)."
echo "Also try: F1 → 'Stream Debugger: Open Demo Stream' (the extension's own copy of these feeds, on another port)."
echo "Press Ctrl+C to stop."
wait "${pids[-1]}"

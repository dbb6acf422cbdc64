#!/usr/bin/env bash
# Makes sure what the e2e test and `npm start` need is on this machine, installing only what is missing:
#   Debian packages: chromium (the browser playwright-core drives), ripgrep and libkrb5-dev (code-server's build);
#   code-server 4.100.3 (VS Code 1.100.3) from the npm registry, into a cache outside the repo.
# Usage: ensure-e2e-deps.sh [--no-browser]   prints the code-server prefix on its last line.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CS_VERSION=4.100.3
PREFIX=${CODE_SERVER_PREFIX:-$HOME/.cache/stream-debugger/code-server-$CS_VERSION}

packages=(ripgrep libkrb5-dev pkg-config build-essential python3)
[[ "${1:-}" == "--no-browser" ]] || packages+=(chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

if [[ ! -x "$PREFIX/code-server" ]]; then
  echo "installing code-server $CS_VERSION into $PREFIX (about a minute, once)" >&2
  rm -rf "$PREFIX"
  bash "$HERE/setup-code-server.sh" "$PREFIX" "$CS_VERSION" 20 >&2
fi
echo "$PREFIX"

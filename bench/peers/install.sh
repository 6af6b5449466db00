#!/usr/bin/env bash
# Installs the peers the extraction bench runs side by side with Storyline. Each peer is optional:
# when one cannot be installed this prints "peer unavailable: <peer>: <reason>" and goes on.
#   readability-lxml     Debian's python3-readability, run with /usr/bin/python3
#   Mozilla Readability  @mozilla/readability 0.6.0 on jsdom 28.1.0 (node), into bench/peers/node_modules
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if /usr/bin/python3 -c "import readability, lxml" 2>/dev/null; then
  echo "readability-lxml: present"
elif ! command -v apt-get >/dev/null; then
  echo "peer unavailable: readability-lxml: no apt-get on this machine"
elif apt-get install -y -q python3-readability >/dev/null 2>&1 \
     || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-readability >/dev/null 2>&1; }; then
  echo "readability-lxml: installed"
else
  echo "peer unavailable: readability-lxml: apt-get install python3-readability failed"
fi

if [ -f "$HERE/node_modules/@mozilla/readability/Readability.js" ] && [ -d "$HERE/node_modules/jsdom" ]; then
  echo "mozilla-readability: present"
elif ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "peer unavailable: mozilla-readability: node/npm not found"
elif (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
  echo "mozilla-readability: installed"
else
  echo "peer unavailable: mozilla-readability: npm install @mozilla/readability@0.6.0 jsdom@28.1.0 failed"
fi

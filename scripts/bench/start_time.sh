#!/usr/bin/env bash
# Seconds from `convene serve` starting on an empty data folder to its "serving" line
# (WordNet's files, the model and the log are read in between). Usage:
#   scripts/bench/start_time.sh [RUNS] [BINARY]     (defaults: 3, .build/release/convene)
set -euo pipefail
runs=${1:-3}; bin=${2:-.build/release/convene}
for _ in $(seq "$runs"); do
  dir=$(mktemp -d); log="$dir/serve.log"
  start=$(date +%s.%N)
  "$bin" serve --data "$dir/data" --port 18099 >"$log" 2>&1 & pid=$!
  until grep -q "serving on port" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.01
  done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(echo "$end - $start" | bc) s"
  rm -rf "$dir"
done

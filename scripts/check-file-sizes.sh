#!/bin/sh
# The source tree stays easy to work in: no Swift file under Sources/ over 300 lines (one
# concept a file; the code-layout issue's rule). Run by `make test` before the tests run,
# so a file that has grown past it is split while its author still knows its concepts.
set -eu
cd "$(dirname "$0")/.."
limit=300
over=$(find Sources -name '*.swift' -exec wc -l {} + | awk -v limit="$limit" '$2 != "total" && $1 > limit { print "  " $2 ": " $1 " lines" }')
if [ -n "$over" ]; then
    echo "Swift files over $limit lines (split them by concept):" >&2
    echo "$over" >&2
    exit 1
fi
echo "every Swift file under Sources/ is at most $limit lines"

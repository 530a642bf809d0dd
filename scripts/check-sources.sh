#!/bin/sh
# Two rules of the source tree that no compiler checks, run by `make test`:
# - no Swift file under Sources/ over 300 lines (one concept a file; the code-layout issue's
#   rule), so a file that has grown past it is split while its author still knows its concepts;
# - the server and the command line import FoundationEssentials, never the whole of Foundation
#   (Thread, Process, FileHandle, NSString, date formatters): Foundation and its ICU data cost
#   about 10 MB of resident memory in the server (docs/BENCHMARKS.md, issue 15's 100 MB).
#   Only the benchmark program (convene-bench) may import it.
set -eu
cd "$(dirname "$0")/.."
status=0
limit=300
over=$(find Sources -name '*.swift' -exec wc -l {} + | awk -v limit="$limit" '$2 != "total" && $1 > limit { print "  " $2 ": " $1 " lines" }')
if [ -n "$over" ]; then
    echo "Swift files over $limit lines (split them by concept):" >&2
    echo "$over" >&2
    status=1
fi
foundation=$(grep -rlE '^(@[A-Za-z_()]+ )*import ((struct|class|enum|func|var|let|typealias|protocol) )?(Foundation|FoundationNetworking|FoundationXML|FoundationInternationalization)(\.[A-Za-z_]+)?$' Sources --include='*.swift' | grep -v '^Sources/convene-bench/' || true)
if [ -n "$foundation" ]; then
    echo "These import the whole of Foundation (use FoundationEssentials, or Glibc for threads, processes and files):" >&2
    echo "$foundation" | sed 's/^/  /' >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "every Swift file under Sources/ is at most $limit lines, and none outside convene-bench imports Foundation"
exit "$status"

#!/usr/bin/env bash
# Every benchmark in turn (`make bench`), each printing its figures: the roll-up against
# sqlite3, the heatmap under load, the heatmap page's weight and uncached time, the wasm bundle
# size and the DDaT import times. Each script
# can also be run on its own; see the head of each for its settings (DURATION=10 for a quick
# load test, PEOPLE=2000 for a quick roll-up).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
status=0
for bench in rollup load page-weight wasm-size import; do
  echo "== $bench"
  ./"$bench".sh || status=1
  echo
done
exit $status

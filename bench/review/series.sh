#!/bin/sh
# bench/review/series.sh GITDIR [RANGE] [RUNS]: times `lockaudit review RANGE` inside
# GITDIR (default range HEAD~7..HEAD, a 7-commit series), RUNS times (default 3), and prints
# each wall time; the first run is the cold one (git's pack files not yet in the page cache
# if nothing read them before), the others are warm.  Also prints the review's own summary.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=${TOOL:-$TOP/lockaudit}
REPO=${1:?usage: series.sh GITDIR [RANGE] [RUNS]}
RANGE=${2:-HEAD~7..HEAD}
RUNS=${3:-3}
i=1
while [ "$i" -le "$RUNS" ]; do
	start=$(date +%s.%N)
	(cd "$REPO" && "$TOOL" review ${LOCKAUDIT_FLAGS:-} "$RANGE") >/tmp/lockaudit-series.$$ 2>&1
	status=$?
	end=$(date +%s.%N)
	printf 'run %d: %.2f s (exit status %d)\n' "$i" "$(echo "$end - $start" | bc)" "$status"
	i=$((i + 1))
done
grep '^lockaudit:' /tmp/lockaudit-series.$$
rm -f /tmp/lockaudit-series.$$

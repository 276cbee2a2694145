#!/bin/sh
# bench/review/run.sh GITDIR [PAIRS.tsv]: for each (fix, introducing commit) pair, runs
# `lockaudit review INTRO` (INTRO^..INTRO) inside GITDIR (a bare mirror is fine: review
# reads git objects only) and says whether the review reports a regression in the function
# the fix repaired, and how long it took.  Outputs go to ${OUT:-/tmp/lockaudit-review-bench}.
# Pairs come from fix commits carrying a `Fixes:` tag (bench/review/dpdk_pairs.tsv).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=${TOOL:-$TOP/lockaudit}
REPO=${1:?usage: run.sh GITDIR [PAIRS.tsv]}
PAIRS=${2:-$TOP/bench/review/dpdk_pairs.tsv}
OUT=${OUT:-/tmp/lockaudit-review-bench}
mkdir -p "$OUT"
hit=0 miss=0 n=0
printf '%-12s %-12s %-6s %6s  %s\n' fix intro found secs function
tail -n +2 "$PAIRS" | while IFS='	' read -r fix intro file func rest; do
	o=$OUT/${intro%"${intro#????????????}"}.txt
	start=$(date +%s.%N)
	(cd "$REPO" && "$TOOL" review ${LOCKAUDIT_FLAGS:-} "$intro") >"$o" 2>&1
	end=$(date +%s.%N)
	secs=$(echo "$end - $start" | bc)
	# A regression in the repaired function: a warning (not a contract change) whose next
	# note names it.
	# FUNC may be "name|name at the introducing commit" when the function was renamed since.
	if awk -v F="$func" 'BEGIN{n=split(F, names, "|")} /: warning: .*\[contract-change\]$/{w=0; next} /: warning: /{w=1; next} w && /note: in function/{ for (i = 1; i <= n; i++) if (index($0, "'"'"'" names[i] "'"'"'")) found=1; w=0 } END{exit !found}' "$o"; then
		found=yes
	else
		found=no
	fi
	printf '%-12.12s %-12.12s %-6s %6.2f  %s %s\n' "$fix" "$intro" "$found" "$secs" "$file" "$func"
done

#!/bin/sh
# bench/review/run.sh GITDIR [PAIRS.tsv]: for each (fix, introducing commit) pair, runs
# `lockaudit review INTRO` (INTRO^..INTRO) inside GITDIR (a bare mirror is fine: review
# reads git objects only) and says whether the review reports a regression in the function
# the fix repaired, and how long it took.  Outputs go to ${OUT:-/tmp/lockaudit-review-bench}.
# Pairs come from fix commits carrying a `Fixes:` tag (bench/review/dpdk_pairs.tsv).
# SERIES=N reviews the N-commit series INTRO~N..INTRO instead (linear history assumed)
# and also says whether the regression is attributed to INTRO ("by" column).
# FIXES=1 reviews the fix commit instead (FIX^..FIX): found = the review lists an imbalance
# in the function as fixed (the realfix measure, with the review's files as context).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=${TOOL:-$TOP/lockaudit}
REPO=${1:?usage: run.sh GITDIR [PAIRS.tsv]}
PAIRS=${2:-$TOP/bench/review/dpdk_pairs.tsv}
OUT=${OUT:-/tmp/lockaudit-review-bench}
mkdir -p "$OUT"
hit=0 miss=0 n=0
printf '%-12s %-12s %-6s %-4s %6s  %s\n' fix intro found by secs function
tail -n +2 "$PAIRS" | while IFS='	' read -r fix intro file func rest; do
	o=$OUT/${intro%"${intro#????????????}"}.txt
	start=$(date +%s.%N)
	range=$intro
	[ -n "${SERIES:-}" ] && range="$intro~$SERIES..$intro"
	[ -n "${FIXES:-}" ] && range=$fix
	level=warning
	[ -n "${FIXES:-}" ] && level=fixed
	(cd "$REPO" && "$TOOL" review ${LOCKAUDIT_FLAGS:-} "$range") >"$o" 2>&1
	end=$(date +%s.%N)
	secs=$(echo "$end - $start" | bc)
	# A regression in the repaired function: a warning (not a contract change) whose next
	# note names it.
	# FUNC may be "name|name at the introducing commit" when the function was renamed since.
	if awk -v F="$func" -v L="$level" 'BEGIN{n=split(F, names, "|")} /: warning: .*\[contract-change\]$/{w=0; next} $0 ~ (": " L ": "){w=1; next} w && /note: in function/{ for (i = 1; i <= n; i++) if (index($0, "'"'"'" names[i] "'"'"'")) found=1; w=0 } END{exit !found}' "$o"; then
		found=yes
	else
		found=no
	fi
	short=$(cd "$REPO" && git rev-parse --short "$intro")
	if [ -n "${FIXES:-}" ]; then by=-; elif grep -q "note: introduced by $short" "$o"; then by=yes; else by=no; fi
	printf '%-12.12s %-12.12s %-6s %-4s %6.2f  %s %s\n' "$fix" "$intro" "$found" "$by" "$secs" "$file" "$func"
done

#!/bin/sh
# bench/run.sh [TREE]: how fast lockaudit parses and analyses a source tree.
# Times `lockaudit --parse-only --stats -q TREE` against `lockaudit --stats -q TREE`, best
# wall time of 3 runs each, with peak RSS, and prints one block.  Not a test.
# TREE defaults to $LOCKAUDIT_BENCH_TREE, else bench/trees/dpdk (see bench/fetch-dpdk.sh).
# The binary is $LOCKAUDIT, else ./lockaudit (build it first: make lockaudit).
# $LOCKAUDIT_FLAGS go to the full run only (e.g. --no-summaries: single-function analysis).
set -eu
cd "$(dirname "$0")/.."
TREE=${1:-${LOCKAUDIT_BENCH_TREE:-bench/trees/dpdk}}
TOOL=${LOCKAUDIT:-./lockaudit}
RUNS=3

die() { echo "bench/run.sh: $*" >&2; exit 2; }
[ -x "$TOOL" ] || die "$TOOL not found: run 'make lockaudit' first"
[ -d "$TREE" ] || die "$TREE is not a directory: run bench/fetch-dpdk.sh, or give a TREE"
[ -x /usr/bin/time ] || die "needs GNU time as /usr/bin/time (package 'time')"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lockaudit-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# measure NAME ARG...: RUNS runs; leaves best wall seconds in $tmp/NAME.wall, highest peak
# RSS (KB) in $tmp/NAME.rss and the last run's stderr (the --stats lines) in $tmp/NAME.err.
measure() {
	name=$1
	shift
	: >"$tmp/$name.times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		status=0
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$TOOL" "$@" "$TREE" >/dev/null 2>"$tmp/$name.err" || status=$?
		# 0: no findings, 1: findings, 2: some input could not be read (still a full run).
		[ "$status" -le 2 ] || { cat "$tmp/$name.err" >&2; die "$name run exited with status $status"; }
		[ "$status" -ne 2 ] || echo "bench/run.sh: note: $name run reported input errors (status 2)" >&2
		tail -n 1 "$tmp/time" >>"$tmp/$name.times"
		i=$((i + 1))
	done
	awk 'NR == 1 || $1 < w { w = $1 } $2 > m { m = $2 } END { print w > "'"$tmp/$name.wall"'"; print m > "'"$tmp/$name.rss"'" }' "$tmp/$name.times"
}

measure parse --parse-only --stats -q
# shellcheck disable=SC2086
measure full --stats -q ${LOCKAUDIT_FLAGS:-}

# lockaudit: files 123, skipped 0, functions 4567, with parse errors 89 (1.9%), findings 12
# (newer builds add ", not analysed for them N (P%)" before the findings)
# lockaudit: 45.67 MB in 1.234 s, 37.01 MB/s
stats=$(grep '^lockaudit: files ' "$tmp/full.err" | tail -n 1) || die "no --stats line from the full run"
size=$(grep '^lockaudit: [0-9.]* MB in ' "$tmp/full.err" | tail -n 1) || die "no size line from the full run"
commit=$(git -C "$TREE" rev-parse --short=12 HEAD 2>/dev/null || echo "not a git tree")
version=$("$TOOL" --version)

echo "$stats|$size|$(cat "$tmp/parse.wall") $(cat "$tmp/full.wall") $(cat "$tmp/parse.rss") $(cat "$tmp/full.rss")" | awk -F'|' \
	-v tree="$TREE" -v commit="$commit" -v version="$version" -v runs="$RUNS" '{
	split($1, s, /[ ,()%]+/)	# lockaudit: files N skipped N functions N with parse errors N P findings N
	for (i = 1; i in s; i++) {
		if (s[i] == "files") files = s[i + 1]
		if (s[i] == "skipped") skipped = s[i + 1]
		if (s[i] == "functions") functions = s[i + 1]
		if (s[i] == "errors") { perr = s[i + 1]; pct = s[i + 2] }
		if (s[i] == "them") { nan = s[i + 1]; napct = s[i + 2] }	# "not analysed for them N (P%)"
		if (s[i] == "findings") findings = s[i + 1]
	}
	split($2, z, " "); mb = z[2]
	split($3, t, " "); wp = t[1]; wf = t[2]; rp = t[3] * 1024 / 1e6; rf = t[4] * 1024 / 1e6
	printf "lockaudit benchmark: %s (%s), %s, best wall time of %d runs\n", tree, commit, version, runs
	printf "  files                 %d (skipped %d)\n", files, skipped
	printf "  MB                    %.2f\n", mb
	printf "  functions             %d\n", functions
	printf "  with parse errors     %.1f%% (%d)\n", pct, perr
	if (nan != "")
		printf "  not analysed for them %.1f%% (%d)\n", napct, nan
	printf "  findings              %d\n", findings
	printf "  wall, parse-only      %.2f s  %7.2f MB/s\n", wp, (wp > 0 ? mb / wp : 0)
	printf "  wall, full            %.2f s  %7.2f MB/s\n", wf, (wf > 0 ? mb / wf : 0)
	printf "  full / parse-only     %.2f\n", (wp > 0 ? wf / wp : 0)
	printf "  peak RSS              %.1f MB parse-only, %.1f MB full\n", rp, rf
}'

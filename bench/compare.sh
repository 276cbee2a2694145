#!/bin/sh
# bench/compare.sh TREE OTHER [ROUNDS]: the ratio to a parse-only pass of this build and of
# another one, measured under the same load.  Per round: a parse-only run of ./lockaudit,
# a whole-tree run of OTHER (an older lockaudit binary) and one of ./lockaudit, all -j2 -q;
# prints each kind's median, range and peak RSS, and the ratios of medians.  This machine's
# times swing by half from run to run; alternating is what makes two builds comparable.
# ROUNDS defaults to 7.  Not a test.
set -eu
cd "$(dirname "$0")/.."
TREE=${1:?usage: bench/compare.sh TREE OTHER [ROUNDS]}
OTHER=${2:?usage: bench/compare.sh TREE OTHER [ROUNDS]}
ROUNDS=${3:-7}
TOOL=${LOCKAUDIT:-./lockaudit}
[ -x "$TOOL" ] || { echo "bench/compare.sh: $TOOL not found: run 'make lockaudit' first" >&2; exit 2; }
[ -x "$OTHER" ] || { echo "bench/compare.sh: $OTHER is not an executable" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/compare.sh: needs GNU time as /usr/bin/time" >&2; exit 2; }
log=$(mktemp "${TMPDIR:-/tmp}/lockaudit-compare.XXXXXX")
trap 'rm -f "$log"' EXIT INT TERM

run() {	# KIND BINARY ARG...
	kind=$1
	shift
	/usr/bin/time -f "$kind %e %M" -a -o "$log" "$@" -q -j2 "$TREE" >/dev/null 2>&1 || true
}

i=0
while [ "$i" -lt "$ROUNDS" ]; do
	run parse "$TOOL" --parse-only
	run other "$OTHER"
	run this "$TOOL"
	i=$((i + 1))
done
sort -k1,1 -k2n "$log" | awk '
	$1 == "parse" || $1 == "other" || $1 == "this" {
		v[$1] = v[$1] " " $2; n[$1]++; a[$1, n[$1]] = $2
		if ($3 > rss[$1]) rss[$1] = $3
	}
	END {
		for (k in n) {
			med[k] = a[k, int((n[k] + 1) / 2)]
			printf "%-5s median %.2f s, %.2f-%.2f s, peak RSS %d MB:%s\n", k, med[k], a[k, 1], a[k, n[k]], rss[k] / 1024, v[k]
		}
		printf "ratio to parse-only: this build %.2fx, other build %.2fx\n", med["this"] / med["parse"], med["other"] / med["parse"]
	}'

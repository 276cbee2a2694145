#!/bin/sh
# bench/realfix/run.sh [-k DIR] [FILTER...]: run lockaudit on the 60 real lock-balance fixes
# of cases.tsv (or on another list of the same columns, see LOCKAUDIT_CASES).  For each row it
# extracts FILE at FIX^ (buggy) and at FIX (fixed) from the local mirrors, runs
# `lockaudit --format=json` on each and scores the row:
#   buggy=FLAGGED  some finding names the row's function     (else buggy=missed)
#   fixed=silent   no finding names the row's function       (else fixed=NOISY)
# Functions are matched by name only (line numbers move between the versions).
# A flagged row whose buggy findings (kind and lock) all occur in the fixed version too is
# marked "(same findings as fixed)"; "buggy-only finding" in the summary counts the rows
# whose buggy version has a finding the fixed version lacks (a stricter recall).
#
#   -k DIR     keep the extracted files and outputs in DIR (DIR/buggy/N/, DIR/fixed/N/)
#   FILTER     only rows whose fix hash starts with FILTER or whose function is FILTER
#
# Environment:
#   LOCKAUDIT            the binary (default ./lockaudit, relative to the repository root)
#   LOCKAUDIT_CASES      the list of rows (default bench/realfix/cases.tsv; a relative path
#                        is looked up in the current directory, then in the repository root)
#   LOCKAUDIT_DPDK_GIT   DPDK bare mirror    (default /work/.mirror/DPDK+dpdk/repo)
#   LOCKAUDIT_ZFS_GIT    OpenZFS bare mirror (default /work/.mirror/openzfs+zfs/repo)
#   LOCKAUDIT_SPDK_GIT, LOCKAUDIT_OVS_GIT, LOCKAUDIT_FRR_GIT, LOCKAUDIT_MEMCACHED_GIT,
#   LOCKAUDIT_LXC_GIT, LOCKAUDIT_POSTGRES_GIT
#                        mirrors of the repos of independent.tsv (defaults
#                        /work/.mirror/{spdk+spdk,openvswitch+ovs,FRRouting+frr,
#                        memcached+memcached,lxc+lxc,hackorum-dev+postgres}/repo).
#                        Only the mirrors of the repos the selected rows use must exist.
#   LOCKAUDIT_DPDK_PROFILE, LOCKAUDIT_ZFS_PROFILE, LOCKAUDIT_<REPO>_PROFILE (REPO as above)
#                        --profile= value per repo (default all: the tool's own default;
#                        set to "all" to run without --profile, i.e. all four profiles)
#   LOCKAUDIT_TIMEOUT    seconds per lockaudit run (default 30)
#   LOCKAUDIT_FLAGS      extra options for every run, split at blanks
#                        (e.g. "--config bench/realfix/wrappers.locks")
#   LOCKAUDIT_CONTEXT    1: run with the file's tree context instead of the file alone.
#                        Each version extracts, at its own commit, FILE's directory and
#                        the directories of the headers FILE includes and of the headers
#                        those include (.c and .h files only), and runs
#                        `lockaudit --tree DIR DIR/FILE`: summaries come from all of them,
#                        findings only from FILE.
#
# Needs git, node (JSON parsing) and timeout (coreutils).  Exit status: 0 ran, 1 ran but
# some lockaudit run failed (exit status >= 2 or timeout), 2 set-up error.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CASES=${LOCKAUDIT_CASES:-$here/cases.tsv}
case $CASES in
/*) ;;
*) [ -f "$CASES" ] && CASES=$(pwd)/$CASES ;;
esac
cd "$here/../.."
TOOL=${LOCKAUDIT:-./lockaudit}
DPDK_GIT=${LOCKAUDIT_DPDK_GIT:-/work/.mirror/DPDK+dpdk/repo}
ZFS_GIT=${LOCKAUDIT_ZFS_GIT:-/work/.mirror/openzfs+zfs/repo}
DPDK_PROFILE=${LOCKAUDIT_DPDK_PROFILE:-all}
ZFS_PROFILE=${LOCKAUDIT_ZFS_PROFILE:-all}
SPDK_GIT=${LOCKAUDIT_SPDK_GIT:-/work/.mirror/spdk+spdk/repo}
OVS_GIT=${LOCKAUDIT_OVS_GIT:-/work/.mirror/openvswitch+ovs/repo}
FRR_GIT=${LOCKAUDIT_FRR_GIT:-/work/.mirror/FRRouting+frr/repo}
MEMCACHED_GIT=${LOCKAUDIT_MEMCACHED_GIT:-/work/.mirror/memcached+memcached/repo}
LXC_GIT=${LOCKAUDIT_LXC_GIT:-/work/.mirror/lxc+lxc/repo}
POSTGRES_GIT=${LOCKAUDIT_POSTGRES_GIT:-/work/.mirror/hackorum-dev+postgres/repo}
SPDK_PROFILE=${LOCKAUDIT_SPDK_PROFILE:-all}
OVS_PROFILE=${LOCKAUDIT_OVS_PROFILE:-all}
FRR_PROFILE=${LOCKAUDIT_FRR_PROFILE:-all}
MEMCACHED_PROFILE=${LOCKAUDIT_MEMCACHED_PROFILE:-all}
LXC_PROFILE=${LOCKAUDIT_LXC_PROFILE:-all}
POSTGRES_PROFILE=${LOCKAUDIT_POSTGRES_PROFILE:-all}
TIMEOUT=${LOCKAUDIT_TIMEOUT:-30}
CONTEXT=${LOCKAUDIT_CONTEXT:-}
FLAGS=${LOCKAUDIT_FLAGS:-}

die() { echo "bench/realfix/run.sh: $*" >&2; exit 2; }

keep=
if [ "${1:-}" = "-k" ]; then
	[ $# -ge 2 ] || die "-k needs a directory"
	keep=$2
	shift 2
fi

[ -x "$TOOL" ] || die "$TOOL not found: run 'make lockaudit' first"
command -v node >/dev/null 2>&1 || die "needs node (for JSON parsing)"
command -v timeout >/dev/null 2>&1 || die "needs timeout (coreutils)"
[ -f "$CASES" ] || die "$CASES not found"

if [ -n "$keep" ]; then
	mkdir -p "$keep" || die "cannot create $keep"
	tmp=$(cd "$keep" && pwd)
	rm -rf "$tmp/buggy" "$tmp/fixed" "$tmp/manifest.tsv"
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lockaudit-realfix.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 2' INT TERM
fi

# selected ROW_FIX ROW_FUNCTION: true when no FILTER was given or one of them matches.
selected() {
	[ $# -eq 2 ] || return 1
	[ -z "$filters" ] && return 0
	for f in $filters; do
		case $1 in "$f"*) return 0 ;; esac
		[ "$2" = "$f" ] && return 0
	done
	return 1
}
filters="$*"

# repo_conf REPO: set git (the mirror), prof (the --profile value) and var (the name of the
# mirror's variable) for REPO; false for an unknown repo.
repo_conf() {
	case $1 in
	dpdk) git=$DPDK_GIT; prof=$DPDK_PROFILE; var=LOCKAUDIT_DPDK_GIT ;;
	zfs) git=$ZFS_GIT; prof=$ZFS_PROFILE; var=LOCKAUDIT_ZFS_GIT ;;
	spdk) git=$SPDK_GIT; prof=$SPDK_PROFILE; var=LOCKAUDIT_SPDK_GIT ;;
	ovs) git=$OVS_GIT; prof=$OVS_PROFILE; var=LOCKAUDIT_OVS_GIT ;;
	frr) git=$FRR_GIT; prof=$FRR_PROFILE; var=LOCKAUDIT_FRR_GIT ;;
	memcached) git=$MEMCACHED_GIT; prof=$MEMCACHED_PROFILE; var=LOCKAUDIT_MEMCACHED_GIT ;;
	lxc) git=$LXC_GIT; prof=$LXC_PROFILE; var=LOCKAUDIT_LXC_GIT ;;
	postgres) git=$POSTGRES_GIT; prof=$POSTGRES_PROFILE; var=LOCKAUDIT_POSTGRES_GIT ;;
	*) return 1 ;;
	esac
}

# analyse VERSION N REV FILE: extract REV:FILE into $tmp/VERSION/N/ and run lockaudit on it;
# the exit status goes to $tmp/VERSION/N/status ("git" when the extraction failed).
analyse() {
	d=$tmp/$1/$2
	mkdir -p "$d"
	src=$d/$(basename "$4")
	if ! git --git-dir="$git" show "$3:$4" >"$src" 2>"$d/git.err"; then
		echo git >"$d/status"
		: >"$d/out.json"
		return 0
	fi
	st=0
	if [ -n "$CONTEXT" ]; then
		context "$3" "$4" "$src" "$d/tree"
		# shellcheck disable=SC2086 # $profile_opt may be empty, $FLAGS is a list of options
		timeout "$TIMEOUT" "$TOOL" --format=json $profile_opt $FLAGS --tree "$d/tree" "$d/tree/$4" \
			>"$d/out.json" 2>"$d/err.txt" || st=$?
	else
		# shellcheck disable=SC2086
		timeout "$TIMEOUT" "$TOOL" --format=json $profile_opt $FLAGS "$src" >"$d/out.json" 2>"$d/err.txt" || st=$?
	fi
	echo "$st" >"$d/status"
}

# includes FILE...: the names the files #include, one per line ("sys/zfs_context.h").
includes() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' "$@" 2>/dev/null | sort -u
}

# resolve LIST FILE: the paths in LIST (the commit's .c/.h files) that the names on stdin
# may mean: path equal to the name or ending in /name.  A name with more than 8 matches
# (config.h, osdep.h) keeps only those under FILE's top two directories.  A file under
# os/X/ (OpenZFS's freebsd and linux halves) does not see headers under another os/Y/.
resolve() {
	awk -v top="$(echo "$2" | cut -d/ -f1-2)/" -v file="$2" '
		function os(p) { return match(p, /(^|\/)os\/[^\/]+\//) ? substr(p, RSTART, RLENGTH) : "" }
		BEGIN { mine = os(file); sub(/^\//, "", mine) }
		NR == FNR { want[$0] = 1; next }
		{ o = os($0); sub(/^\//, "", o) }
		mine != "" && o != "" && o != mine { next }
		{
			n = split($0, part, "/")
			for (i = 1; i <= n; i++) {
				name = part[i]
				for (j = i + 1; j <= n; j++) name = name "/" part[j]
				if (name in want) { hit[name] = hit[name] " " $0; cnt[name]++ }
			}
		}
		END {
			for (name in hit) {
				m = split(hit[name], p, " ")
				for (i = 1; i <= m; i++)
					if (cnt[name] <= 8 || index(p[i], top) == 1) print p[i]
			}
		}' - "$1" | sort -u
}

# context REV FILE SRC DEST: FILE's directory and the directories of the headers it
# includes, two levels deep, .c and .h only, extracted from REV into DEST.
context() {
	list=$tmp/ls.$(git --git-dir="$git" rev-parse "$1")
	[ -f "$list" ] || git --git-dir="$git" ls-tree -r --name-only "$1" | grep -E '\.[ch]$' >"$list"
	rm -rf "$4"
	mkdir -p "$4"
	hdrs=$(includes "$3" | resolve "$list" "$2")
	# shellcheck disable=SC2086 # one path per word: tree paths have no blanks
	[ -z "$hdrs" ] || git --git-dir="$git" archive "$1" -- $hdrs | tar -x -C "$4"
	more=$(cd "$4" && includes $hdrs | resolve "$list" "$2")
	dirs=$( (dirname "$2"; for h in $hdrs $more; do dirname "$h"; done) | sort -u |
		sed "s|.*|:(glob)&/*.[ch]|")
	# shellcheck disable=SC2086
	git --git-dir="$git" archive "$1" -- $dirs | tar -x -C "$4"
}

tab=$(printf '\t')
# Skip the header line; columns: repo fix file function primitive kind direct description.
tail -n +2 "$CASES" >"$tmp/cases.body"

# Check the mirror of every repo the selected rows use, once each.
n=0
checked=
while IFS="$tab" read -r repo fix file func _rest; do
	[ -n "$repo" ] || continue
	n=$((n + 1))
	selected "$fix" "$func" || continue
	repo_conf "$repo" || die "$(basename "$CASES") row $n: unknown repo '$repo'"
	case " $checked " in *" $repo "*) continue ;; esac
	git --git-dir="$git" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
		die "$repo mirror not found at $git (set $var)"
	checked="$checked $repo"
done <"$tmp/cases.body"

n=0
: >"$tmp/manifest.tsv"
while IFS="$tab" read -r repo fix file func _primitive kind direct _description; do
	[ -n "$repo" ] || continue
	n=$((n + 1))
	selected "$fix" "$func" || continue
	repo_conf "$repo" || die "$(basename "$CASES") row $n: unknown repo '$repo'"
	if [ "$prof" = all ]; then profile_opt=; else profile_opt=--profile=$prof; fi
	analyse buggy "$n" "$fix^" "$file"
	analyse fixed "$n" "$fix" "$file"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$repo" "$fix" "$func" "$kind" "$direct" "$file" \
		>>"$tmp/manifest.tsv"
done <"$tmp/cases.body"

[ -s "$tmp/manifest.tsv" ] || die "no case selected"

cat >"$tmp/score.js" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');
const tmp = process.argv[2];
const rows = fs.readFileSync(path.join(tmp, 'manifest.tsv'), 'utf8').split('\n').filter(Boolean);

// result(version, n, func): {status, error, kinds[], locks (Set of "kind lock"), parsed}
function result(version, n, func) {
	const d = path.join(tmp, version, String(n));
	const status = fs.readFileSync(path.join(d, 'status'), 'utf8').trim();
	const r = { status, error: null, kinds: [], locks: new Set(), parsed: false };
	if (status === 'git') { r.error = 'git'; return r; }
	const st = Number(status);
	if (st === 124) r.error = 'timeout';
	else if (st >= 2) r.error = 'exit ' + st;
	let j = null;
	try { j = JSON.parse(fs.readFileSync(path.join(d, 'out.json'), 'utf8')); } catch (e) {
		if (!r.error) r.error = 'bad json';
	}
	if (j && Array.isArray(j.findings)) {
		r.parsed = true;
		for (const f of j.findings)
			if (f.function === func) {
				if (!r.kinds.includes(f.kind)) r.kinds.push(f.kind);
				r.locks.add(f.kind + ' ' + f.lock);
			}
	}
	return r;
}

const groups = {};	// repo -> counters; 'all' too
function counters(k) {
	return groups[k] || (groups[k] = { cases: 0, flagged: 0, silent: 0, errors: 0,
		dcases: 0, dflagged: 0, dsilent: 0, strict: 0 });
}
let anyError = false;
for (const line of rows) {
	const [n, repo, fix, func, kind, direct] = line.split('\t');
	const b = result('buggy', n, func), f = result('fixed', n, func);
	const flagged = b.kinds.length > 0;
	// A finding (kind and lock) in the buggy version that the fixed version does not have.
	const strict = [...b.locks].some((k) => !f.locks.has(k));
	const silent = f.parsed && f.kinds.length === 0;
	const errs = (b.error ? 1 : 0) + (f.error ? 1 : 0);
	if (errs) anyError = true;
	for (const g of [counters(repo), counters('all')]) {
		g.cases++; g.flagged += flagged; g.strict += strict; g.silent += silent; g.errors += errs;
		if (direct === 'yes') { g.dcases++; g.dflagged += flagged; g.dsilent += silent; }
	}
	const bs = (flagged ? 'FLAGGED' : 'missed') + (b.error ? '(ERROR: ' + b.error + ')' : '');
	const fs_ = (silent ? 'silent' : 'NOISY') + (f.error ? '(ERROR: ' + f.error + ')' : '');
	const ks = (r) => r.kinds.length ? r.kinds.join(',') : '-';
	console.log(`${repo} ${fix.slice(0, 8)} ${func} ${kind} ${direct}: buggy=${bs} fixed=${fs_} ` +
		`[buggy: ${ks(b)} | fixed: ${ks(f)}]` + (flagged && !strict ? ' (same findings as fixed)' : ''));
}
const pct = (a, b) => `${a}/${b} (${b ? Math.round(100 * a / b) : 0}%)`;
console.log('');
for (const k of Object.keys(groups).filter((k) => k !== 'all').concat(['all'])) {
	const g = groups[k];
	console.log(`${k}: cases ${g.cases}, recall ${pct(g.flagged, g.cases)}, ` +
		`fixed-silent ${pct(g.silent, g.cases)}, errors ${g.errors}, ` +
		`buggy-only finding ${pct(g.strict, g.cases)}`);
	console.log(`  direct=yes: cases ${g.dcases}, recall ${pct(g.dflagged, g.dcases)}, ` +
		`fixed-silent ${pct(g.dsilent, g.dcases)}`);
}
const a = groups.all;
console.log(`recall ${pct(a.flagged, a.cases)}, fixed-silent ${pct(a.silent, a.cases)}`);
process.exit(anyError ? 1 : 0);
EOF
node "$tmp/score.js" "$tmp"

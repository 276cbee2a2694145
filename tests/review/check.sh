# tests/review/check.sh: `lockaudit review` on small git repositories built here, sourced by
# tests/run (uses its $TOOL, $TMP, ok and bad).  Each directory tests/review/NAME/ is a
# series: N/ holds the files commit N writes (paths as in the repository), N.msg its
# subject, N.rm paths it deletes; commit 1 is the base.  NAME/expect says what the review
# of 1..last must print:
#   status N       the exit status
#   has REGEX      a line of the output (stdout and stderr) matches (grep -E)
#   lacks REGEX    no line matches
# NAME/with-cache, if there, runs the review with --cache-dir (the base tree's summaries).
# NAME/patch-expect, if there, is checked against `review --patch` of the same series as an
# mbox (git format-patch) applied onto the base.
# The work tree, index and HEAD of the repository must be as they were after the review.

r_top=$(pwd)
r_tool=$(cd "$(dirname "$TOOL")" && pwd)/$(basename "$TOOL")

# r_build NAME DIR: the series of tests/review/NAME as a git repository in DIR.
r_build() {
	rm -rf "$2" && mkdir -p "$2" && (
		cd "$2" || exit 1
		git init -q -b main . && git config user.email t@example.org && git config user.name test
		n=1
		while [ -d "$r_top/tests/review/$1/$n" ]; do
			cp -R "$r_top/tests/review/$1/$n/." .
			[ -f "$r_top/tests/review/$1/$n.rm" ] && git rm -q $(cat "$r_top/tests/review/$1/$n.rm")
			git add -A && git commit -q -m "$(cat "$r_top/tests/review/$1/$n.msg")" || exit 1
			n=$((n + 1))
		done
	)
}

# r_check NAME OUTPUT STATUS [EXPECT]: the expectations of NAME against one review's output.
r_check() {
	: >"$TMP/r_report"
	while IFS= read -r line; do
		case $line in
		status\ *) [ "${line#status }" = "$3" ] || echo "exit status $3, expected ${line#status }" >>"$TMP/r_report" ;;
		has\ *) grep -Eq -- "${line#has }" "$2" || echo "missing: ${line#has }" >>"$TMP/r_report" ;;
		lacks\ *) ! grep -Eq -- "${line#lacks }" "$2" || echo "unexpected: ${line#lacks }" >>"$TMP/r_report" ;;
		esac
	done <"$r_top/tests/review/$1/${4:-expect}"
	[ -s "$TMP/r_report" ] && { echo "--- output:"; cat "$2"; } >>"$TMP/r_report"
	[ ! -s "$TMP/r_report" ]
}

# r_untouched DIR BEFORE: HEAD, index and work tree as recorded in BEFORE.
r_state() { (cd "$1" && git rev-parse HEAD && git status --porcelain --untracked-files=all && git stash list); }

for r_dir in tests/review/*/; do
	r_name=$(basename "$r_dir")
	[ -f "$r_dir/expect" ] || continue
	r_repo=$TMP/review-$r_name
	if ! r_build "$r_name" "$r_repo" >"$TMP/r_build" 2>&1; then
		bad "review $r_name (building the repository)" "$TMP/r_build"
		continue
	fi
	r_state "$r_repo" >"$TMP/r_before"
	r_base=$(cd "$r_repo" && git rev-list --max-parents=0 HEAD)
	r_args=
	[ -f "$r_dir/with-cache" ] && r_args="--cache-dir $TMP/r_cache"
	# shellcheck disable=SC2086
	(cd "$r_repo" && "$r_tool" review $r_args "$r_base..HEAD") >"$TMP/r_out" 2>&1
	r_status=$?
	r_state "$r_repo" >"$TMP/r_after"
	if [ "$r_status" -gt 2 ]; then
		bad "review $r_name (exit status $r_status: crash)" "$TMP/r_out"
	elif ! cmp -s "$TMP/r_before" "$TMP/r_after"; then
		bad "review $r_name (the repository changed)" "$TMP/r_after"
	elif r_check "$r_name" "$TMP/r_out" "$r_status"; then
		ok "review $r_name"
	else
		bad "review $r_name" "$TMP/r_report"
	fi
	[ -f "$r_dir/patch-expect" ] || continue
	(cd "$r_repo" && git format-patch -q --stdout "$r_base..HEAD" >"$TMP/r_series.mbox" &&
		"$r_tool" review --patch "$TMP/r_series.mbox" "$r_base") >"$TMP/r_out" 2>&1
	r_status=$?
	r_state "$r_repo" >"$TMP/r_after"
	if ! cmp -s "$TMP/r_before" "$TMP/r_after"; then
		bad "review --patch $r_name (the repository changed)" "$TMP/r_after"
	elif r_check "$r_name" "$TMP/r_out" "$r_status" patch-expect; then
		ok "review --patch $r_name"
	else
		bad "review --patch $r_name" "$TMP/r_report"
	fi
done

# The same review as JSON and SARIF: the same findings, marked new / absent / updated.
r_repo=$TMP/review-vfs
if [ -d "$r_repo" ]; then
	r_base=$(cd "$r_repo" && git rev-list --max-parents=0 HEAD)
	(cd "$r_repo" && "$r_tool" review -q --format=json "$r_base..HEAD") >"$TMP/r.json" 2>&1
	(cd "$r_repo" && "$r_tool" review -q --format=sarif "$r_base..HEAD") >"$TMP/r.sarif" 2>&1
	if node -e '
		const fs = require("fs");
		const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
		const s = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
		const kinds = j.findings.map((f) => f.kind + ":" + f.baseline).sort().join(" ");
		const want = "contract-change:updated inconsistent-return:new ops-contract:new";
		if (kinds !== want) throw new Error("json: " + kinds);
		if (!j.findings.every((f) => /dcache: drop the parent lock/.test(f.commit))) throw new Error("json commit");
		const r = s.runs[0].results;
		if (r.length !== 3 || !r.every((x) => ["new", "updated"].includes(x.baselineState) && x.properties.commit))
			throw new Error("sarif: " + JSON.stringify(r.map((x) => x.baselineState)));
	' "$TMP/r.json" "$TMP/r.sarif" >"$TMP/r_node" 2>&1; then
		ok "review --format=json|sarif"
	else
		bad "review --format=json|sarif" "$TMP/r_node"
	fi
fi

# Outside a repository, or with a range git does not know: a message and exit status 2.
mkdir -p "$TMP/r_norepo"
(cd "$TMP/r_norepo" && GIT_CEILING_DIRECTORIES="$TMP" "$r_tool" review) >"$TMP/r_out" 2>&1
r_s1=$?
(cd "$r_repo" && "$r_tool" review no-such-branch..HEAD) >>"$TMP/r_out" 2>&1
r_s2=$?
if [ "$r_s1" -eq 2 ] && [ "$r_s2" -eq 2 ] && grep -q 'not inside a git repository' "$TMP/r_out" &&
	grep -q 'does not name commits' "$TMP/r_out"; then
	ok "review: no repository, unknown range"
else
	bad "review: no repository, unknown range" "$TMP/r_out"
fi

# A version's run seeded from an earlier one (unchanged files reused) says the same as a
# run from scratch.
if [ -d "$TMP/review-vfs" ]; then
	r_repo=$TMP/review-vfs
	r_base=$(cd "$r_repo" && git rev-list --max-parents=0 HEAD)
	(cd "$r_repo" && "$r_tool" review -q "$r_base..HEAD") >"$TMP/r_seeded" 2>&1
	(cd "$r_repo" && LOCKAUDIT_REVIEW_NO_SEED=1 "$r_tool" review -q "$r_base..HEAD") >"$TMP/r_scratch" 2>&1
	if cmp -s "$TMP/r_seeded" "$TMP/r_scratch" && [ -s "$TMP/r_seeded" ]; then
		ok "review: seeded runs say what runs from scratch say"
	else
		diff "$TMP/r_seeded" "$TMP/r_scratch" >"$TMP/r_diff"
		bad "review: seeded runs say what runs from scratch say" "$TMP/r_diff"
	fi
fi

# --patch with a file that is missing, or a patch that does not apply: a message, exit 2,
# and no temporary directory left behind.
if [ -d "$TMP/review-vfs" ]; then
	r_repo=$TMP/review-vfs
	printf 'diff --git a/fs/none.c b/fs/none.c\n--- a/fs/none.c\n+++ b/fs/none.c\n@@ -1,1 +1,1 @@\n-not there\n+here\n' >"$TMP/r_bad.patch"
	r_tmp=$TMP/r_tmpdir
	mkdir -p "$r_tmp"
	(cd "$r_repo" && TMPDIR=$r_tmp "$r_tool" review --patch "$TMP/r_missing.patch") >"$TMP/r_out" 2>&1
	r_s1=$?
	(cd "$r_repo" && TMPDIR=$r_tmp "$r_tool" review --patch "$TMP/r_bad.patch") >>"$TMP/r_out" 2>&1
	r_s2=$?
	if [ "$r_s1" -eq 2 ] && [ "$r_s2" -eq 2 ] && grep -q "cannot read the patch file" "$TMP/r_out" &&
		grep -q "does not apply" "$TMP/r_out" && [ -z "$(ls -A "$r_tmp")" ]; then
		ok "review --patch: missing file, patch that does not apply"
	else
		ls -A "$r_tmp" >>"$TMP/r_out"
		bad "review --patch: missing file, patch that does not apply" "$TMP/r_out"
	fi
fi

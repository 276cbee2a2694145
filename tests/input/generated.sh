# tests/input/generated.sh: bad input generated at test time, sourced by tests/run.
# Uses the runner's $TOOL, $TMP, ok and bad.  Every input is written under $TMP (nothing
# binary or huge is committed) and every case below is exactly one ok/bad call.
# All names here start with g_ so they cannot clash with the runner's variables.
#
# A "crash" is an exit status above 2 (signal, sanitizer abort, LeakSanitizer's 23, or
# timeout's 124) or a sanitizer / internal-error report on stderr: the ASan+UBSan build
# exits with status 1 on some reports, which would otherwise look like "findings".

g_dir=$TMP/generated
mkdir -p "$g_dir"

# g_run SECONDS ARG...: runs the tool with a time limit; sets g_st; output in g_dir/out, err.
g_run() {
	g_secs=$1
	shift
	timeout "$g_secs" "$TOOL" "$@" >"$g_dir/out" 2>"$g_dir/err"
	g_st=$?
}

# g_why accumulates what is wrong with the current case; g_done reports it as one test.
g_want() { g_why="$g_why$1
"; }

g_done() {
	g_name=$1
	if [ "$g_st" -eq 124 ]; then
		g_want "timed out after ${g_secs}s"
	elif [ "$g_st" -gt 2 ]; then
		g_want "exit status $g_st: crash"
	fi
	if grep -q 'Sanitizer\|runtime error:\|internal error' "$g_dir/err"; then
		g_want "sanitizer or internal error report on stderr"
	fi
	if [ -z "$g_why" ]; then
		ok "$g_name"
	else
		{
			printf '%s' "$g_why"
			echo "exit status: $g_st"
			echo "--- stdout (first 15 lines):"
			head -n 15 "$g_dir/out" | cut -c 1-200
			echo "--- stderr (first 15 lines):"
			head -n 15 "$g_dir/err" | cut -c 1-200
		} >"$g_dir/why"
		bad "$g_name" "$g_dir/why"
	fi
	g_why=
}
g_why=

g_status() { [ "$g_st" -eq "$1" ] || g_want "exit status $g_st, want $1"; }
g_stderr_has() { grep -q -- "$1" "$g_dir/err" || g_want "stderr lacks '$1'"; }
g_stdout_has() { grep -q -- "$1" "$g_dir/out" || g_want "stdout lacks '$1'"; }
# g_warns FILE LINE KIND: the text output has that warning.
g_warns() {
	grep -q "^$1:$2:[0-9]*: warning: .*\[$3\]\$" "$g_dir/out" || g_want "missing warning $1:$2: [$3]"
}

# One function with a known finding: line 2 of a file that starts with the lock's declaration.
g_leak='void leak(int x) { spin_lock(&l); if (x) return; spin_unlock(&l); }'
cat >"$g_dir/bug.c" <<EOF
spinlock_t l;
$g_leak
EOF

# --- missing paths: an input error (status 2), and the other inputs are still analysed.
g_run 60 "$g_dir/nope.c"
g_status 2
g_stderr_has "$g_dir/nope.c"
g_done "input: missing path (status 2, message names it)"

g_run 60 "$g_dir/nope.c" "$g_dir/bug.c" "$g_dir/nope2.c"
g_status 2
g_stderr_has "$g_dir/nope.c"
g_stderr_has "$g_dir/nope2.c"
g_warns "$g_dir/bug.c" 2 inconsistent-return
g_done "input: missing paths around a valid file (still analysed, status 2)"

# --- a binary file: skipped with a message, not an input error.
printf 'int f(void)\0\1\2{ spin_lock(&l); return; }\n' >"$g_dir/binary.c"
g_run 60 "$g_dir/binary.c"
g_status 0
g_stderr_has binary
g_done "input: binary file (message, status 0)"

g_run 60 "$g_dir/binary.c" "$g_dir/bug.c"
g_status 1
g_stderr_has binary
g_warns "$g_dir/bug.c" 2 inconsistent-return
grep -q "^$g_dir/binary.c:[0-9]*:[0-9]*: warning" "$g_dir/out" && g_want "binary file was analysed"
g_done "input: binary file next to a valid file (still analysed)"

# --- a 100 MB file: refused quickly by its size.
yes 'int x;' | head -c 100000000 >"$g_dir/huge.c"
g_run 60 "$g_dir/huge.c"
g_status 0
g_stderr_has 'too large'
g_done "input: 100 MB file (too large, status 0)"

g_run 60 "$g_dir/huge.c" "$g_dir/bug.c"
g_status 1
g_stderr_has 'too large'
g_warns "$g_dir/bug.c" 2 inconsistent-return
g_done "input: 100 MB file next to a valid file (still analysed)"
rm -f "$g_dir/huge.c"

# The same through a FIFO: no size is known up front, so the limit must hold while reading.
mkfifo "$g_dir/fifo.c"
yes 'int x;' | head -c 100000000 >"$g_dir/fifo.c" &
g_writer=$!
g_run 60 "$g_dir/fifo.c"
kill "$g_writer" 2>/dev/null
wait "$g_writer" 2>/dev/null
g_status 0
g_stderr_has 'too large'
g_done "input: 100 MB read from a FIFO (too large, status 0)"
rm -f "$g_dir/fifo.c"

# --- deep nesting: no crash (stack), bounded time; the next function is still analysed.
# g_nest KIND: 10,000 levels of KIND inside f, then the leak function on the last line.
g_nest() {
	awk -v kind="$1" -v leak="$g_leak" 'BEGIN {
		n = 10000
		print "spinlock_t l;"
		if (kind == "braces") {
			printf "void f(void) {"
			for (i = 0; i < n; i++) printf "{"
			printf " spin_lock(&l); "
			for (i = 0; i < n; i++) printf "}"
			print "}"
		} else if (kind == "parens") {
			printf "int f(int x) { spin_lock(&l); return "
			for (i = 0; i < n; i++) printf "("
			printf "x"
			for (i = 0; i < n; i++) printf ")"
			print "; }"
		} else if (kind == "ifs") {
			print "void f(int x) {"
			for (i = 0; i < n; i++) print "if (x)"
			print "spin_lock(&l);"
			print "}"
		}
		print leak
	}' >"$g_dir/deep-$1.c"
}
for g_kind in braces parens ifs; do
	g_nest "$g_kind"
	g_run 60 "$g_dir/deep-$g_kind.c"
	g_line=$(wc -l <"$g_dir/deep-$g_kind.c")
	g_warns "$g_dir/deep-$g_kind.c" $((g_line)) inconsistent-return
	g_done "input: 10,000 nested $g_kind (no crash, bounded time)"
done

# --- many paths: 1,000 branches that each drop and re-take the lock.  States that differ only
# in which unlock they passed must not pile up (the build of 5f8bba6 took 3 s and 1 GB at 320
# branches, 16 s and 2.9 GB at 480).
awk -v leak="$g_leak" 'BEGIN {
	print "spinlock_t l;"
	print "void f(int x) {"
	print "spin_lock(&l);"
	for (i = 0; i < 1000; i++)
		printf "if (x & %d) spin_unlock(&l); else spin_unlock(&l); spin_lock(&l);\n", i
	print "spin_unlock(&l);"
	print "}"
	print leak
}' >"$g_dir/paths.c"
g_run 20 "$g_dir/paths.c"
g_warns "$g_dir/paths.c" 1006 inconsistent-return
g_done "input: 1,000 branches around lock calls (bounded time)"

# --- broken lexical syntax after a function with a real bug.
cat >"$g_dir/open-comment.c" <<EOF
spinlock_t l;
$g_leak
void g(void)
{
	spin_lock(&l); /* this comment is never closed
	spin_unlock(&l);
}
EOF
g_run 60 "$g_dir/open-comment.c"
g_warns "$g_dir/open-comment.c" 2 inconsistent-return
g_done "input: unterminated comment (earlier bug still reported)"

cat >"$g_dir/open-string.c" <<EOF
spinlock_t l;
$g_leak
void g(void)
{
	const char *s = "this string is never closed;
	spin_lock(&l);
}
EOF
g_run 60 "$g_dir/open-string.c"
g_warns "$g_dir/open-string.c" 2 inconsistent-return
g_done "input: unterminated string (earlier bug still reported)"

# Invalid UTF-8 inside the buggy function (in a string literal, where the syntax allows it)
# and as bare bytes in another function.
{
	echo 'spinlock_t l;'
	printf 'void leak(int x) { const char *s = "\377\376"; spin_lock(&l); if (x) return; spin_unlock(&l); }\n'
	printf 'void g(void) { int \377\376 = 1; spin_lock(&l); }\n'
} >"$g_dir/bad-utf8.c"
g_run 60 "$g_dir/bad-utf8.c"
g_stderr_has 'UTF-8'
g_warns "$g_dir/bad-utf8.c" 2 inconsistent-return
g_done "input: invalid UTF-8 (message, bug in the same function still reported)"

# --- a directory: walked recursively for .c and .h only, and never written to.
mkdir -p "$g_dir/tree/sub/deeper"
cat >"$g_dir/tree/a.c" <<EOF
spinlock_t l;
$g_leak
EOF
cat >"$g_dir/tree/sub/b.h" <<EOF
static spinlock_t l;
static inline $g_leak
EOF
cat >"$g_dir/tree/sub/deeper/c.c" <<EOF
spinlock_t l;
int fine(int x) { spin_lock(&l); x++; spin_unlock(&l); return x; }
void twice(void) { spin_lock(&l); spin_unlock(&l); spin_unlock(&l); }
EOF
for g_f in notes.txt sub/code.cpp sub/deeper/old.c.orig; do
	cp "$g_dir/tree/a.c" "$g_dir/tree/$g_f"
done
g_snapshot() {
	# shellcheck disable=SC2010 # the names are ours; drop the ".." line (the parent changes)
	(cd "$g_dir/tree" && find . -type f -exec md5sum {} + | sort && ls -laR | grep -v " \.\.$")
}
chmod -R a-w "$g_dir/tree"
g_snapshot >"$g_dir/before"
touch "$g_dir/stamp"
for g_args in "" "--format=json" "--format=sarif" "-v --stats" "-q" "--dump=cfg"; do
	# shellcheck disable=SC2086
	g_run 60 $g_args "$g_dir/tree"
	[ "$g_st" -le 2 ] || break
done
g_snapshot >"$g_dir/after"
cmp -s "$g_dir/before" "$g_dir/after" || g_want "the tree changed: $(diff "$g_dir/before" "$g_dir/after" | head -n 5)"
g_new=$(find "$g_dir/tree" -newer "$g_dir/stamp" -o -cnewer "$g_dir/stamp")
[ -z "$g_new" ] || g_want "changed after the run: $g_new"
g_done "input: the analysed tree is never written to"
chmod -R u+w "$g_dir/tree"

g_run 60 "$g_dir/tree"
g_status 1
sed -n 's/:[0-9]*:[0-9]*: warning: .*\[\([a-z-]*\)\]$/ \1/p' "$g_dir/out" | sort -u >"$g_dir/got"
cat >"$g_dir/want" <<EOF
$g_dir/tree/a.c inconsistent-return
$g_dir/tree/sub/b.h inconsistent-return
$g_dir/tree/sub/deeper/c.c double-release
EOF
cmp -s "$g_dir/want" "$g_dir/got" || g_want "files and kinds reported differ: $(diff "$g_dir/want" "$g_dir/got" | grep '^[<>]')"
g_done "input: a directory is walked recursively for .c and .h only"

# --- the command line.
g_run 60 --format=bogus "$g_dir/bug.c"
g_status 2
g_stderr_has bogus
g_stderr_has usage
g_done "cli: --format=bogus (status 2, usage)"

g_run 60 --no-such-option "$g_dir/bug.c"
g_status 2
g_stderr_has no-such-option
g_stderr_has usage
g_done "cli: unknown option (status 2, usage)"

g_run 60
g_status 2
g_stderr_has usage
g_done "cli: no path (status 2, usage)"

g_run 60 --version
g_status 0
grep -q '^lockaudit [0-9][0-9]*\.[0-9]' "$g_dir/out" || g_want "no 'lockaudit X.Y' on stdout"
g_done "cli: --version"

g_run 60 --help
g_status 0
g_stdout_has usage
g_done "cli: --help"

# The analysis budget: 40 independent conditional locks make 2^40 lock sets; the function
# gets a note that its analysis stopped, no findings, and the run stays short.
{
	echo 'void many(int *c, spinlock_t *l)'
	echo '{'
	g_i=0
	while [ $g_i -lt 40 ]; do
		echo "	if (c[$g_i]) spin_lock(&l[$g_i]);"
		g_i=$((g_i + 1))
	done
	echo '}'
} >"$g_dir/budget.c"
g_run 60 "$g_dir/budget.c"
g_status 0
g_stdout_has "analysis budget exceeded in 'many'"
g_done "input: analysis budget exceeded (a note, no findings, bounded time)"

# A call with 20000 arguments (generated code does this): each argument is read once, so
# the run stays short (it took minutes when each was found again from the first), and the
# lock around the call is still seen.
{
	echo 'void wide(struct m *m)'
	echo '{'
	echo '	spin_lock(&m->l);'
	printf '	emit(a0'
	g_i=1
	while [ $g_i -lt 20000 ]; do
		printf ', a%d' $g_i
		g_i=$((g_i + 1))
	done
	echo ');'
	echo '	if (m->err)'
	echo '		return;'
	echo '	spin_unlock(&m->l);'
	echo '}'
} >"$g_dir/wide.c"
g_run 60 "$g_dir/wide.c"
g_status 1
g_warns "$g_dir/wide.c" 6 inconsistent-return
g_done "input: a call with 20000 arguments (bounded time, the finding after it still found)"

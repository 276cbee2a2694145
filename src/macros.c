#include "macros.h"
#include "util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Attribute-like macros that sit in declarations and mean nothing to control flow.
 * has_args: followed by a parenthesised argument list that goes too. */
struct attr_macro {
	const char *name;
	bool has_args;
};

static const struct attr_macro attr_macros[] = {
	{"__acquires", true}, {"__releases", true}, {"__must_hold", true},
	{"__cond_acquires", true}, {"__cond_releases", true}, {"__acquires_shared", true},
	{"__releases_shared", true}, {"__must_hold_shared", true}, {"__cond_acquires_shared", true},
	{"__guarded_by", true}, {"__pt_guarded_by", true}, {"__printf", true}, {"__scanf", true},
	{"__aligned", true}, {"__section", true}, {"__alloc_size", true}, {"__counted_by", true},
	{"__init", false}, {"__exit", false}, {"__must_check", false}, {"__always_inline", false},
	{"noinline", false}, {"__noinline", false}, {"__cold", false}, {"__hot", false},
	{"__maybe_unused", false}, {"__always_unused", false}, {"__used", false}, {"__weak", false},
	{"__sched", false}, {"__user", false}, {"__iomem", false}, {"__rcu", false},
	{"__percpu", false}, {"__force", false}, {"__ref", false}, {"__initdata", false},
	{"__initconst", false}, {"__read_mostly", false}, {"__ro_after_init", false},
	{"__visible", false}, {"notrace", false}, {"asmlinkage", false}, {"__latent_entropy", false},
	{"__noreturn", false}, {"__packed", false}, {"__cacheline_aligned", false},
	{"__cacheline_aligned_in_smp", false}, {"____cacheline_aligned", false},
	{"____cacheline_aligned_in_smp", false}, {"__nocast", false}, {"__bitwise", false},
	{"__safe", false}, {"__no_kcsan", false}, {"noinstr", false}, {"__cpuidle", false},
	{"__kprobes", false}, {"__no_context_analysis", false}, {"__context_unsafe", false},
	{"__no_sanitize_address", false}, {"__flatten", false}, {"__pure", false},
	{"__attribute_const__", false}, {"__malloc", false}, {"__must_be_array", true},
	{"__nonstring", false}, {"__randomize_layout", false}, {"__private", false},
	/* Storage-class and source-annotation macros of vendor driver code (Intel base code,
	 * Solarflare's efx: SAL-style __in/__out/__checkReturn). */
	{"STATIC", false}, {"E1000_UNUSEDARG", false}, {"__checkReturn", false},
	{"__in", false}, {"__out", false}, {"__inout", false}, {"__in_opt", false},
	{"__out_opt", false}, {"__inout_opt", false}, {"__deref_out", false},
	{"__deref_out_opt", false}, {"__in_ecount", true}, {"__out_ecount", true},
	{"__in_bcount", true}, {"__out_bcount", true}, {"__inout_bcount", true},
	{"__inout_ecount", true}, {"__in_ecount_opt", true}, {"__in_bcount_opt", true},
	{"__out_ecount_opt", true}, {"__out_bcount_opt", true}, {"__inout_bcount_opt", true},
	{"__out_bcount_part", true}, {"__out_ecount_part", true}, {"__out_bcount_part_opt", true},
	{"__success", true}, {"__unused", false}, {"__dead2", false}, {"__printflike", true},
	/* Scope-based cleanup of variables: the kernel's `p __free(kfree) = ...` (cleanup.h). */
	{"__free", true}, {"__cleanup", true},
};

/* Families of cleanup-attribute macros spelt by prefix: LXC's `__do_free char *p`,
 * `__do_close int fd` (never followed by '(': `__do_softirq()` is a call); systemd's
 * `_cleanup_free_ char *p`, `_cleanup_(freep)`.  Blanked, with their argument list when
 * one follows. */
static const char *const cleanup_prefixes[] = {"__do_", "_cleanup_"};

/* Attribute macros that say what a function does to a lock. */
static const struct {
	const char *name;
	enum annotation_kind kind;
} annotation_macros[] = {
	{"__acquires", ANN_ACQUIRES}, {"__acquires_shared", ANN_ACQUIRES}, {"__releases", ANN_RELEASES},
	{"__releases_shared", ANN_RELEASES}, {"__must_hold", ANN_MUST_HOLD}, {"__must_hold_shared", ANN_MUST_HOLD},
	{"__rte_exclusive_lock_function", ANN_ACQUIRES}, {"__rte_shared_lock_function", ANN_ACQUIRES},
	{"__rte_unlock_function", ANN_RELEASES}, {"__rte_exclusive_locks_required", ANN_MUST_HOLD},
	{"__rte_shared_locks_required", ANN_MUST_HOLD},
};

/* clang's thread-safety attributes, inside __attribute__((...)). */
static const struct {
	const char *name;
	enum annotation_kind kind;
} clang_attributes[] = {
	{"acquire_capability", ANN_ACQUIRES}, {"acquire_shared_capability", ANN_ACQUIRES},
	{"exclusive_lock_function", ANN_ACQUIRES}, {"shared_lock_function", ANN_ACQUIRES},
	{"release_capability", ANN_RELEASES}, {"release_shared_capability", ANN_RELEASES},
	{"release_generic_capability", ANN_RELEASES}, {"unlock_function", ANN_RELEASES},
	{"requires_capability", ANN_MUST_HOLD}, {"requires_shared_capability", ANN_MUST_HOLD},
	{"exclusive_locks_required", ANN_MUST_HOLD}, {"shared_locks_required", ANN_MUST_HOLD},
	{"try_acquire_capability", ANN_TRY_ACQUIRES}, {"try_acquire_shared_capability", ANN_TRY_ACQUIRES},
	{"exclusive_trylock_function", ANN_TRY_ACQUIRES}, {"shared_trylock_function", ANN_TRY_ACQUIRES},
};

/* Thread-safety attributes with no lock effect the analysis uses: a macro over one is
 * blanked, nothing more. */
static const char *const clang_other_attributes[] = {
	"locks_excluded", "guarded_by", "pt_guarded_by", "acquired_before", "acquired_after",
	"assert_capability", "assert_shared_capability",
	"assert_exclusive_lock", "assert_shared_lock", "lock_returned", "capability",
	"lockable", "scoped_lockable", "guarded_var", "pt_guarded_var", "reentrant_capability",
};

void macros_each_annotation_name(void (*fn)(void *ctx, const char *name), void *ctx)
{
	for (size_t k = 0; k < countof(annotation_macros); k++)
		fn(ctx, annotation_macros[k].name);
	for (size_t k = 0; k < countof(clang_attributes); k++)
		fn(ctx, clang_attributes[k].name);
	fn(ctx, "no_thread_safety_analysis");
}

int macros_attribute_kind(const char *name, size_t n)
{
	if (n == 25 && memcmp(name, "no_thread_safety_analysis", 25) == 0)
		return ANN_NO_CHECK;
	for (size_t k = 0; k < countof(clang_attributes); k++)
		if (strlen(clang_attributes[k].name) == n && memcmp(name, clang_attributes[k].name, n) == 0)
			return clang_attributes[k].kind;
	for (size_t k = 0; k < countof(clang_other_attributes); k++)
		if (strlen(clang_other_attributes[k]) == n && memcmp(name, clang_other_attributes[k], n) == 0)
			return -1;
	return -2;
}

static int def_cmp(const void *a, const void *b)
{
	return strcmp(((const struct attr_macro_def *)a)->name, ((const struct attr_macro_def *)b)->name);
}

void attr_macros_add(struct attr_macros *m, const char *name, int kind)
{
	struct attr_macro_def probe = {(char *)name, kind};
	if (m->n && bsearch(&probe, m->v, m->n, sizeof(*m->v), def_cmp))
		return;
	VEC_PUSH(m, ((struct attr_macro_def){xstrdup(name), kind}));
	qsort(m->v, m->n, sizeof(*m->v), def_cmp);
	m->hash = 0;
	for (size_t i = 0; i < m->n; i++) {
		m->hash = hash_bytes(m->v[i].name, strlen(m->v[i].name), m->hash);
		m->hash = hash_bytes(&m->v[i].kind, sizeof(m->v[i].kind), m->hash);
	}
}

void attr_macros_release(struct attr_macros *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	*m = (struct attr_macros){0};
}

/* The learnt macro named t[start..end), or NULL. */
static const struct attr_macro_def *learnt_macro(const struct attr_macros *m, const char *t, size_t start, size_t end)
{
	char name[128];
	if (!m || !m->n || end - start >= sizeof(name))
		return NULL;
	memcpy(name, t + start, end - start);
	name[end - start] = '\0';
	struct attr_macro_def probe = {name, 0};
	return bsearch(&probe, m->v, m->n, sizeof(*m->v), def_cmp);
}

/* DPDK spells its attribute macros __rte_<name>[(args)]: all of them are blanked. */
static const char rte_attr_prefix[] = "__rte_";

static bool is_iterator_name(const char *s, size_t n)
{
	static const char *const marks[] = {"for_each", "FOR_EACH", "foreach", "FOREACH"};
	for (size_t k = 0; k < countof(marks); k++) {
		size_t m = strlen(marks[k]);
		for (size_t i = 0; i + m <= n; i++)
			if (memcmp(s + i, marks[k], m) == 0)
				return true;
	}
	return false;
}

static bool name_is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(s, name, n) == 0;
}

/* Offset just past the ')' matching the '(' at p, skipping strings; len if unbalanced. */
static size_t skip_parens(const char *t, size_t len, size_t p)
{
	int depth = 0;
	for (size_t i = p; i < len; i++) {
		char c = t[i];
		if (c == '"' || c == '\'') {
			for (i++; i < len && t[i] != c && t[i] != '\n'; i++)
				if (t[i] == '\\')
					i++;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && --depth == 0) {
			return i + 1;
		}
	}
	return len;
}

static size_t skip_space(const char *t, size_t len, size_t p)
{
	while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r'))
		p++;
	return p;
}

static void blank(char *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (t[i] != '\n')
			t[i] = ' ';
}

/* What the forward scan has seen, comments and strings aside. */
struct scan {
	struct annotations *out;	/* where lock annotations go, or NULL */
	const struct attr_macros *learnt;	/* the run's attribute macros, or NULL */
	char last;		/* last significant character before the current token */
	bool after_else_or_do;	/* the previous token was `else` or `do` */
	bool line_start;	/* the current token is the first on its line */
	int depth;		/* brace depth */
};

/* Skips white space and comments (a comment may sit between a loop head and its body). */
static size_t skip_gap(const char *t, size_t len, size_t p)
{
	for (;;) {
		p = skip_space(t, len, p);
		if (p + 1 < len && t[p] == '/' && t[p + 1] == '*') {
			const char *e = strstr(t + p + 2, "*/");
			p = e ? (size_t)(e - t) + 2 : len;
		} else if (p + 1 < len && t[p] == '/' && t[p + 1] == '/') {
			while (p < len && t[p] != '\n')
				p++;
		} else {
			return p;
		}
	}
}

/* A macro loop head may stand only where a statement may begin. */
static bool at_statement_start(const struct scan *sc)
{
	char c = sc->last;
	return c == ';' || c == '{' || c == '}' || c == ')' || c == ':' || sc->after_else_or_do;
}

/* NAME(args) followed by a statement, not by ';' or an operator: a loop or guard head. */
static bool rewrite_loop_head(char *t, size_t len, size_t start, size_t end, bool guard, const struct scan *sc)
{
	size_t open = skip_space(t, len, end);
	if (open >= len || t[open] != '(' || !at_statement_start(sc))
		return false;
	size_t close = skip_parens(t, len, open);
	if (close >= len)
		return false;
	size_t next = skip_gap(t, len, close);
	if (next >= len || !(is_ident_char(t[next]) || strchr("{*(+-!&", t[next])))
		return false;	/* `;`, `,`, an operator: a call, not a loop head */
	bool empty = skip_space(t, len, open + 1) == close - 1;
	if (empty && !guard) {	/* for_each_thing() body: `while(1)` fits in the name and `()` */
		blank(t, start, close);
		memcpy(t + start, "while(1)", 8);
		return true;
	}
	blank(t, start, end);
	memcpy(t + start, "while", 5);
	if (guard) {
		/* The arguments are not expressions (a class name, a fail action): hide them. */
		blank(t, open + 1, close - 1);
		t[open + 1] = '1';
	}
	return true;
}

/* __rte_X is an attribute when no '(' follows, or when X says it takes arguments; otherwise
 * it is a function (__rte_hash_add_key_with_hash(...)) and stays. */
static bool rte_attribute(const char *t, size_t len, size_t start, size_t end)
{
	static const char *const with_args[] = {"aligned", "format_printf", "alloc_size", "alloc_align", "nonnull",
		"dealloc", "guarded_by", "section", "_msg", "_required", "_excluded", "_function", "capability",
		"assert_exclusive_lock", "assert_shared_lock", "diagnose_if"};
	size_t p = end;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (p >= len || t[p] != '(')
		return true;
	for (size_t k = 0; k < countof(with_args); k++) {
		size_t m = strlen(with_args[k]);
		if (end - start >= m && memcmp(t + end - m, with_args[k], m) == 0)
			return true;
	}
	return false;
}

/* Notes annotation kind at start whose argument list is (open, close); a try's first
 * argument is the value that says taken, and the lock follows it. */
static void push_annotation(struct annotations *out, const char *t, size_t start, size_t open, size_t close, int kind)
{
	if (out && kind == ANN_NO_CHECK) {	/* takes no lock argument */
		VEC_PUSH(out, ((struct annotation){(uint32_t)start, (uint32_t)start, 0, (uint8_t)kind, 0}));
		return;
	}
	if (!out || close <= open + 1)
		return;
	struct annotation a = {(uint32_t)start, (uint32_t)open + 1, (uint32_t)(close - open - 2), (uint8_t)kind, 0};
	if (kind == ANN_TRY_ACQUIRES) {
		size_t comma = open + 1;
		while (comma < close - 1 && t[comma] != ',')
			comma++;
		if (comma >= close - 1)
			return;
		size_t v = skip_space(t, close, open + 1);
		size_t w = v;
		while (w < close && is_ident_char(t[w]))
			w++;
		bool zero = name_is(t + v, w - v, "0") || bool_name_value(t + v, w - v) == 0;
		a.taken = zero ? 1 : 2;
		a.arg = (uint32_t)comma + 1;
		a.arg_len = (uint32_t)(close - 1 - (comma + 1));
	}
	VEC_PUSH(out, a);
}

static void note_annotation(const char *t, size_t start, size_t end, size_t open, size_t close, struct annotations *out)
{
	for (size_t k = 0; k < countof(annotation_macros); k++)
		if (name_is(t + start, end - start, annotation_macros[k].name)) {
			push_annotation(out, t, start, open, close, annotation_macros[k].kind);
			return;
		}
}

static size_t rewrite_attr(char *t, size_t len, size_t start, size_t end, struct annotations *out)
{
	size_t n = end - start;
	bool rte = n > sizeof(rte_attr_prefix) - 1 && memcmp(t + start, rte_attr_prefix, sizeof(rte_attr_prefix) - 1) == 0 &&
		   rte_attribute(t, len, start, end);
	bool args = false, hit = rte;
	for (size_t k = 0; !hit && k < countof(attr_macros); k++)
		if (name_is(t + start, n, attr_macros[k].name)) {
			hit = true;
			args = attr_macros[k].has_args;
		}
	for (size_t k = 0; !hit && k < countof(cleanup_prefixes); k++) {
		size_t m = strlen(cleanup_prefixes[k]);
		if (n >= m && memcmp(t + start, cleanup_prefixes[k], m) == 0)
			hit = args = cleanup_prefixes[k][1] != '_' || skip_space(t, len, end) >= len ||
				     t[skip_space(t, len, end)] != '(';	/* __do_softirq() is a call */
	}
	if (!hit)
		return end;
	size_t open = skip_space(t, len, end), name_end = end;
	if ((args || rte) && open < len && t[open] == '(') {
		end = skip_parens(t, len, open);
		note_annotation(t, start, name_end, open, end, out);
	}
	blank(t, start, end);
	return end;
}

/* `goto *expr;` (computed goto) becomes `goto _ ;`: a label that does not exist, which the
 * CFG builder treats as a jump to any label. */
static void rewrite_computed_goto(char *t, size_t len, size_t end)
{
	size_t star = skip_space(t, len, end);
	if (star >= len || t[star] != '*')
		return;
	size_t semi = star;
	while (semi < len && t[semi] != ';' && t[semi] != '\n')
		semi++;
	if (semi >= len || t[semi] != ';')
		return;
	blank(t, star, semi);
	t[star] = '_';
}

/* GNU case ranges `case 1 ... 3:` become `case 1 -   3:`, a plain constant expression. */
static void rewrite_case_range(char *t, size_t len, size_t end)
{
	for (size_t p = end; p + 2 < len && t[p] != ':' && t[p] != ';' && t[p] != '{'; p++)
		if (t[p] == '.' && t[p + 1] == '.' && t[p + 2] == '.') {
			t[p] = '-';
			t[p + 1] = t[p + 2] = ' ';
			return;
		}
}

static bool all_caps(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return n >= 3;
}

/* A macro call alone on its line with no semicolon: at file level before a declaration
 * (DPDK's `RTE_EXPORT_SYMBOL(fn)` above each exported function), or in a body before the
 * next statement (`_NOTE(ARGUNUSED(x))`).  It declares and locks nothing, and the grammar
 * would fold it into what follows as an error. */
static bool rewrite_line_macro(char *t, size_t len, size_t start, size_t end, bool in_body)
{
	size_t open = end;
	while (open < len && (t[open] == ' ' || t[open] == '\t'))
		open++;
	if (open >= len || t[open] != '(')
		return false;
	size_t close = skip_parens(t, len, open);
	size_t eol = close;
	while (eol < len && (t[eol] == ' ' || t[eol] == '\t' || t[eol] == '\r'))
		eol++;
	if (close >= len || t[eol] != '\n')
		return false;
	size_t next = skip_space(t, len, eol);
	if (next >= len || !(is_ident_char(t[next]) || (in_body && t[next] == '}')))
		return false;
	blank(t, start, close);
	return true;
}

/* `LUA_API int lua_gettop (` / `MEM_STATIC size_t\nZSTD_x(`: an upper-case word opening a
 * file-level declaration, followed by two more words (a type, then the name) before the
 * '(' -- a storage-class or linkage macro, which the grammar cannot place. */
static bool storage_macro(const char *t, size_t len, size_t end)
{
	int words = 0;
	for (size_t p = end; p < len; p++) {
		char c = t[p];
		if (c == '(')
			return words >= 2;
		if (c == ';' || c == '{' || c == '=' || c == ',' || c == ')' || c == '#' || c == '/')
			return false;
		if (is_ident_char(c) && !is_ident_char(t[p - 1]))
			words++;
		if (words > 4)
			return false;
	}
	return false;
}

/* `__attribute__((acquire_capability(x)))`: the grammar reads it; we only note what it says. */
static void note_clang_attribute(const char *t, size_t len, size_t end, struct annotations *out)
{
	size_t p = skip_space(t, len, end);
	if (!out || p + 1 >= len || t[p] != '(' || t[p + 1] != '(')
		return;
	p = skip_space(t, len, p + 2);
	size_t e = p;
	while (e < len && is_ident_char(t[e]))
		e++;
	if (macros_attribute_kind(t + p, e - p) == ANN_NO_CHECK) {
		push_annotation(out, t, p, e, e, ANN_NO_CHECK);
		return;
	}
	size_t open = skip_space(t, len, e);
	if (open >= len || t[open] != '(')
		return;
	size_t close = skip_parens(t, len, open);
	for (size_t k = 0; k < countof(clang_attributes); k++)
		if (name_is(t + p, e - p, clang_attributes[k].name) && close > open + 1) {
			push_annotation(out, t, p, open, close, clang_attributes[k].kind);	/* named by the attribute */
			return;
		}
}

static void rewrite_ident(char *t, size_t len, size_t start, size_t end, const struct scan *sc)
{
	if (start > 0 && (t[start - 1] == '.' || (start > 1 && t[start - 1] == '>' && t[start - 2] == '-')))
		return;	/* a field name, not a macro */
	size_t n = end - start;
	const struct attr_macro_def *d = learnt_macro(sc->learnt, t, start, end);
	if (d) {	/* OVS_ACQUIRES(mutex): what the attribute under it says */
		size_t open = skip_space(t, len, end), close = end;
		if (open < len && t[open] == '(')
			close = skip_parens(t, len, open);
		if (d->kind >= 0 && (close > end || d->kind == ANN_NO_CHECK))
			push_annotation(sc->out, t, start, open, close, d->kind);
		blank(t, start, close);
	} else if (name_is(t + start, n, "__attribute__"))
		note_clang_attribute(t, len, end, sc->out);
	else if (name_is(t + start, n, "goto"))
		rewrite_computed_goto(t, len, end);
	else if (name_is(t + start, n, "case"))
		rewrite_case_range(t, len, end);
	else if (name_is(t + start, n, "scoped_guard") || name_is(t + start, n, "scoped_cond_guard"))
		rewrite_loop_head(t, len, start, end, true, sc);
	else if (n > 5 && is_iterator_name(t + start, n))
		rewrite_loop_head(t, len, start, end, false, sc);
	else if (sc->line_start && all_caps(t + start, n) && rewrite_line_macro(t, len, start, end, sc->depth > 0))
		return;
	else if (sc->depth == 0 && sc->line_start && all_caps(t + start, n) && storage_macro(t, len, end))
		blank(t, start, end);
	else if (t[start] == '_' || t[start] == 'n' || t[start] == 'a' || t[start] == 'S' || t[start] == 'E')
		rewrite_attr(t, len, start, end, sc->out);	/* the first letters of attr_macros[] names */
}

/* Skips a comment, string, char literal or preprocessor line at p; returns p if none. */
size_t macros_skip_comment_or_literal(const char *t, size_t len, size_t p)
{
	if (t[p] == '/' && p + 1 < len && t[p + 1] == '*') {
		const char *e = strstr(t + p + 2, "*/");
		return e ? (size_t)(e - t) + 2 : len;
	}
	if (t[p] == '/' && p + 1 < len && t[p + 1] == '/') {
		while (p < len && t[p] != '\n')
			p++;
		return p;
	}
	if (t[p] == '"' || t[p] == '\'') {
		char q = t[p];
		for (p++; p < len && t[p] != q && t[p] != '\n'; p++)
			if (t[p] == '\\')
				p++;
		return p < len ? p + 1 : len;
	}
	return p;
}

static size_t skip_non_code(const char *t, size_t len, size_t p, bool line_start)
{
	size_t q = macros_skip_comment_or_literal(t, len, p);
	if (q != p)
		return q;
	if (t[p] == '#' && line_start) {
		/* Directives (with their continuation lines) stay as written: tree-sitter parses them. */
		while (p < len && t[p] != '\n') {
			if (t[p] == '\\' && p + 1 < len && t[p + 1] == '\n')
				p++;
			else if (t[p] == '/' && p + 1 < len && t[p + 1] == '*') {
				size_t q = skip_non_code(t, len, p, false);
				p = q > p ? q - 1 : p;
			}
			p++;
		}
		return p;
	}
	return p;
}

/* An operator passed as a macro argument (OpenZFS ASSERT3U(a, <=, b), VERIFY3P(p, !=, NULL))
 * becomes a number of the same width: the call then parses as a call.  `==` becomes `00`
 * and `!=` `01`, so the CFG can still tell the two comparisons with zero apart; any other
 * operator becomes 9 or 09. */
static void rewrite_operator_arg(char *t, size_t len, size_t comma)
{
	size_t p = comma + 1;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	size_t op = p;
	while (p < len && strchr("=!<>&|^", t[p]) && t[p])
		p++;
	if (p == op || p - op > 2)
		return;
	size_t e = p;
	while (e < len && (t[e] == ' ' || t[e] == '\t'))
		e++;
	if (e >= len || t[e] != ',')
		return;
	bool eq = p - op == 2 && t[op] == '=' && t[op + 1] == '=', ne = p - op == 2 && t[op] == '!' && t[op + 1] == '=';
	if (p - op == 1) {
		t[op] = '9';
	} else {
		t[op] = '0';
		t[op + 1] = eq ? '0' : ne ? '1' : '9';
	}
}

/* --- conditional groups whose branches open or close braces --------------------------------
 * `#if X ... if (a) { ... } else { #endif ... }`: a branch that does not balance its braces
 * cannot be parsed as a branch.  Such a group is flattened the way one configuration would
 * compile it: its first branch is kept (the next, when the first is `#if 0`), the other
 * branches and every directive line of the group are blanked.  Groups whose branches all
 * balance stay as written: tree-sitter parses them, and the CFG takes both ways. */

/* Budget: conditional nesting followed; deeper groups are left alone. */
#define MACROS_MAX_IF_DEPTH 32

struct cond_branch {
	size_t dir_start, dir_end;	/* the directive line that opens it */
	int balance;			/* braces opened minus closed in its body */
	bool never;			/* `#if 0` */
	bool dangling;			/* ends in `else`, continued after the group */
};

struct cond_group {
	struct cond_branch branch[8];	/* further #elif branches join the last one */
	int n;
	size_t end_start, end_end;	/* the #endif line */
};

static size_t directive_end(const char *t, size_t len, size_t p)
{
	while (p < len && t[p] != '\n') {
		if (t[p] == '\\' && p + 1 < len && t[p + 1] == '\n')
			p++;
		p++;
	}
	return p;
}

/* `__cplusplus` at p, as a whole word: a C compiler never defines it, so the
 * `extern "C" {` and `}` of a header's C++ guards are no code. */
static bool cplusplus_at(const char *t, size_t len, size_t p)
{
	return p + 11 <= len && strncmp(t + p, "__cplusplus", 11) == 0 && (p + 11 == len || !is_ident_char(t[p + 11]));
}

/* The directive at p (a line starting with '#'): 1 opens a group, 2 a further branch,
 * 3 closes it, 0 anything else. */
static int directive_kind(const char *t, size_t len, size_t p, bool *never)
{
	p = p + 1;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	size_t e = p;
	while (e < len && is_ident_char(t[e]))
		e++;
	const char *w = t + p;
	size_t n = e - p;
	if (name_is(w, n, "if") || name_is(w, n, "ifdef") || name_is(w, n, "ifndef")) {
		size_t q = skip_space(t, len, e);
		*never = name_is(w, n, "if") && q < len && t[q] == '0' && (q + 1 >= len || !is_ident_char(t[q + 1]));
		*never |= (name_is(w, n, "ifdef") && cplusplus_at(t, len, q)) ||
			  (name_is(w, n, "if") && q + 8 <= len && strncmp(t + q, "defined", 7) == 0 &&
			   cplusplus_at(t, len, skip_space(t, len, q + 7) + (t[skip_space(t, len, q + 7)] == '(')));
		return 1;
	}
	if (name_is(w, n, "elif") || name_is(w, n, "else") || name_is(w, n, "elifdef") || name_is(w, n, "elifndef"))
		return 2;
	return name_is(w, n, "endif") ? 3 : 0;
}

/* The branch a flattened group keeps: the first, or the next after an `#if 0` (none
 * when there is no next). */
static int kept_branch(const struct cond_group *g)
{
	return g->branch[0].never ? (g->n > 1 ? 1 : -1) : 0;
}

static void flatten(char *t, const struct cond_group *g)
{
	int keep = kept_branch(g);
	for (int i = 0; i < g->n; i++) {
		size_t body_end = i + 1 < g->n ? g->branch[i + 1].dir_start : g->end_start;
		blank(t, g->branch[i].dir_start, i == keep ? g->branch[i].dir_end : body_end);
	}
	blank(t, g->end_start, g->end_end);
}

/* Closes the innermost group: flattened if a branch leaves braces open or closes more than
 * it opened; what its kept branch does to braces counts in the enclosing branch. */
static int close_group(char *t, const struct cond_group *g)
{
	bool unbalanced = false;
	for (int i = 0; i < g->n; i++)
		unbalanced |= g->branch[i].balance != 0 || g->branch[i].dangling;
	if (unbalanced)
		flatten(t, g);
	int keep = kept_branch(g);
	return keep < 0 ? 0 : g->branch[keep].balance;
}

/* Whether the code before p ends with the word `else`: `if (x) a(); else` closed by the
 * group's end and continued after it, which no parser can take as a branch. */
static bool ends_in_else(const char *t, size_t p)
{
	while (p && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '\n' || t[p - 1] == '\r'))
		p--;
	return p >= 4 && memcmp(t + p - 4, "else", 4) == 0 && (p == 4 || !is_ident_char(t[p - 5]));
}

static void flatten_unbalanced_conditionals(char *t, size_t len)
{
	struct cond_group stack[MACROS_MAX_IF_DEPTH];
	int depth = 0, skipped = 0;	/* groups deeper than the budget */
	bool line_start = true;
	for (size_t p = 0; p < len;) {
		if (t[p] == '#' && line_start) {
			size_t end = directive_end(t, len, p);
			bool never = false;
			int k = directive_kind(t, len, p, &never);
			if ((k == 2 || k == 3) && depth && !skipped && ends_in_else(t, p))
				stack[depth - 1].branch[stack[depth - 1].n - 1].dangling = true;
			if (k == 1 && depth < MACROS_MAX_IF_DEPTH && !skipped)
				stack[depth++] = (struct cond_group){{{p, end, 0, never, false}}, 1, 0, 0};
			else if (k == 1)
				skipped++;
			else if (k == 2 && depth && !skipped && stack[depth - 1].n < 8)
				stack[depth - 1].branch[stack[depth - 1].n++] = (struct cond_branch){p, end, 0, false, false};
			else if (k == 3 && skipped)
				skipped--;
			else if (k == 3 && depth) {
				stack[depth - 1].end_start = p;
				stack[depth - 1].end_end = end;
				int b = close_group(t, &stack[--depth]);
				if (depth)
					stack[depth - 1].branch[stack[depth - 1].n - 1].balance += b;
			}
			p = end;
			continue;
		}
		size_t q = skip_non_code(t, len, p, false);
		if (q != p) {
			p = q;
			continue;
		}
		if (t[p] == '\n')
			line_start = true;
		else if (t[p] != ' ' && t[p] != '\t' && t[p] != '\r')
			line_start = false;
		if (depth && !skipped && (t[p] == '{' || t[p] == '}'))
			stack[depth - 1].branch[stack[depth - 1].n - 1].balance += t[p] == '{' ? 1 : -1;
		p++;
	}
}

void macros_rewrite(char *t, size_t len, struct annotations *out, const struct attr_macros *learnt)
{
	flatten_unbalanced_conditionals(t, len);
	struct scan sc = {.out = out, .learnt = learnt, .last = ';', .line_start = true};
	size_t p = 0;
	while (p < len) {
		size_t q = skip_non_code(t, len, p, sc.line_start);
		if (q != p) {
			p = q;
			continue;
		}
		char c = t[p];
		if (c == '\n') {
			sc.line_start = true;
			p++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
			continue;
		}
		if (is_ident_char(c)) {
			size_t e = p;
			while (e < len && (is_ident_char(t[e]) || (c >= '0' && c <= '9' && t[e] == '.')))
				e++;
			if (!(c >= '0' && c <= '9'))	/* numbers are skipped so 0x1for_each never matches */
				rewrite_ident(t, len, p, e, &sc);
			sc.after_else_or_do = name_is(t + p, e - p, "else") || name_is(t + p, e - p, "do");
			sc.last = t[e - 1] == ' ' ? ';' : 'a';
			sc.line_start = false;
			p = e;
			continue;
		}
		if (c == ',')
			rewrite_operator_arg(t, len, p);
		sc.depth += c == '{' ? 1 : c == '}' ? -1 : 0;
		if (sc.depth < 0)
			sc.depth = 0;
		sc.last = c;
		sc.after_else_or_do = false;
		sc.line_start = false;
		p++;
	}
}

enum macro_loop_kind macros_loop_kind(const char *orig, size_t len, size_t off)
{
	if (off + 5 <= len && memcmp(orig + off, "while", 5) == 0 && (off + 5 == len || !is_ident_char(orig[off + 5])))
		return MACRO_LOOP_NONE;
	size_t e = off;
	while (e < len && is_ident_char(orig[e]))
		e++;
	if (name_is(orig + off, e - off, "scoped_guard"))
		return MACRO_LOOP_SCOPED_GUARD;
	if (name_is(orig + off, e - off, "scoped_cond_guard"))
		return MACRO_LOOP_SCOPED_COND_GUARD;
	return MACRO_LOOP_ITERATOR;
}

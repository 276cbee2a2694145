#include "quiet.h"

#include <stdlib.h>
#include <string.h>

#include "nameguess.h"
#include "summary.h"

/* One identifier of a body: called (`name(`), reached through a field (`->name`,
 * `.name`), or passed bare as an argument (`f(cb, x)`). */
struct tok {
	const char *s;
	size_t n;
	bool call, field, bare;
	int depth;	/* parentheses open around it, from where the scan began */
	bool top;	/* it starts a statement of the body's own block (not under an if) */
};

/* Past a comment or literal at p (p itself if none): most characters are neither. */
static inline size_t maybe_skip(const char *t, size_t len, size_t p)
{
	char c = t[p];
	return c == '/' || c == '"' || c == '\'' ? macros_skip_comment_or_literal(t, len, p) : p;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '\f' || c == '\v';
}

/* Calls fn on each identifier of t[from, to), comments and literals skipped; stops when
 * fn returns false. */
static void each_token(const char *t, size_t from, size_t to, bool (*fn)(void *ctx, const struct tok *k), void *ctx)
{
	char prev = 0, prev2 = 0;	/* the last two characters of code before this one */
	int depth = 0, braces = 0;
	for (size_t p = from; p < to;) {
		size_t q = maybe_skip(t, to, p);
		if (q != p) {
			prev2 = prev;
			prev = '"';
			p = q;
			continue;
		}
		char c = t[p];
		if (blank(c)) {
			p++;
			continue;
		}
		if (!is_ident_char((unsigned char)c)) {
			depth += c == '(' ? 1 : c == ')' ? -1 : 0;
			braces += c == '{' ? 1 : c == '}' ? -1 : 0;
			prev2 = prev;
			prev = c;
			p++;
			continue;
		}
		size_t e = p;
		while (e < to && (is_ident_char((unsigned char)t[e]) || (c >= '0' && c <= '9' && t[e] == '.')))
			e++;
		if (!(c >= '0' && c <= '9')) {
			size_t k = e;
			while (k < to && blank(t[k]))
				k++;
			char next = k < to ? t[k] : 0;
			bool field = prev == '.' || (prev == '>' && prev2 == '-');
			struct tok tk = {t + p, e - p, next == '(', field,
					 !field && (prev == '(' || prev == ',' || prev == '=' || prev == '&') &&
						 (next == ',' || next == ')' || next == ';'),
					 depth, braces == 1 && depth == 0 && (prev == ';' || prev == '{' || prev == '}' || prev == ':')};
			if (!fn(ctx, &tk))
				return;
		}
		prev2 = prev;
		prev = 'a';
		p = e;
	}
}

/* Names a body can touch locks by, other than primitives: guards and cleanups, and the
 * annotations (the parse's own list comes from macros.c). */
static const char *const loud_words[] = {
	"guard", "scoped_guard", "scoped_cond_guard", "CLASS", "__cleanup", "cleanup", "__free",
	"__acquire", "__release", "__cond_lock", "__cond_acquires", "__cond_releases",
	"__cond_acquires_shared",
};

/* What a token by itself does to locks (the table's values): TOK_TAKES and TOK_DROPS for
 * a primitive that takes or drops one (a blocking try too), TOK_QUERY for one that asks
 * whether it is held (an analysis of its own, no effect for the callers), TOK_OTHER for
 * one that tries or downgrades, a guard or cleanup, an annotation or a call through a
 * field; TOK_ENDS, TOK_ENDS_IF and TOK_LEVEL for calls that end the path (in_sequence);
 * TOK_NONE for the rest (an assertion).
 * Names the pairing heuristic may guess are the callers' business (guessable()). */
enum tok_effect { TOK_NONE, TOK_TAKES, TOK_DROPS, TOK_QUERY, TOK_OTHER, TOK_ENDS, TOK_ENDS_IF, TOK_LEVEL };

/* A call that ends the path (TOK_ENDS: `panic`) matters as a statement of the body's own
 * block, where every way through the body meets it: the function may never return, and
 * its callers' paths must know.  One that ends it only for some arguments (TOK_ENDS_IF:
 * `elog`) does when the next token is one of those (TOK_LEVEL: `ERROR`).  Elsewhere
 * (under an if, in a loop) either is nothing. */
static enum tok_effect in_sequence(enum tok_effect e, const struct tok *k, bool *after_ends_if)
{
	bool before = *after_ends_if;
	*after_ends_if = e == TOK_ENDS_IF && k->top;
	if (e == TOK_LEVEL)
		return before ? TOK_OTHER : TOK_NONE;
	if (e == TOK_ENDS)
		return k->top ? TOK_OTHER : TOK_NONE;
	return e == TOK_ENDS_IF ? TOK_NONE : e;
}

/* A bit per (length, first, last character): a token whose bit is clear is in no table,
 * and most tokens are told so without hashing them. */
static inline uint32_t filter_bit(const char *s, size_t n)
{
	return (uint32_t)(n * 131u + (unsigned char)s[0] * 31u + (unsigned char)s[n - 1]) & (QUIET_FILTER_BITS - 1);
}

static void put(struct quiet_table *qt, const char *name, enum tok_effect e)
{
	if (!name[0] || sum_index_get(&qt->index, name) != UINT32_MAX)
		return;
	sum_index_put(&qt->index, arena_strdup(&qt->arena, name), (uint32_t)e);
	uint32_t b = filter_bit(name, strlen(name));
	qt->filter[b / 64] |= 1ull << (b % 64);
}

static void put_other(void *ctx, const char *name)
{
	put(ctx, name, TOK_OTHER);
}

void quiet_table_init(struct quiet_table *qt, const struct lockapi *api, const struct attr_macros *learnt)
{
	for (size_t i = 0; i < lockapi_count(api); i++) {
		const struct lockprim *row = lockapi_row(api, i);
		if (lockapi_call(api, row->name) != row)
			continue;	/* a guard class, or a row of the name's other namespace */
		enum tok_effect e = row->effect == LE_ACQUIRE || (row->effect == LE_TRY && (row->flags & LP_BLOCKING)) ? TOK_TAKES :
				    row->effect == LE_RELEASE ? TOK_DROPS : row->effect == LE_QUERY ? TOK_QUERY :
				    row->effect == LE_NORETURN ? (row->also ? TOK_ENDS_IF : TOK_ENDS) :
				    row->effect == LE_ASSERT ? TOK_NONE : TOK_OTHER;
		if (e != TOK_NONE)
			put(qt, row->name, e);
		for (const char *p = e == TOK_ENDS_IF ? row->also : ""; *p;) {
			size_t n = strcspn(p, "|");
			char level[64];
			if (n < sizeof(level)) {
				memcpy(level, p, n);
				level[n] = '\0';
				put(qt, level, TOK_LEVEL);
			}
			p += n + (p[n] == '|');
		}
	}
	for (size_t i = 0; i < countof(loud_words); i++)
		put(qt, loud_words[i], TOK_OTHER);
	macros_each_annotation_name(put_other, qt);
	for (size_t i = 0; learnt && i < learnt->n; i++)
		put(qt, learnt->v[i].name, TOK_OTHER);
}

void quiet_table_release(struct quiet_table *qt)
{
	sum_index_release(&qt->index);
	arena_release(&qt->arena);
}

static enum tok_effect token_effect(const struct tok *k, const struct quiet_rules *r)
{
	if (k->field)
		return k->call ? TOK_OTHER : TOK_NONE;
	char name[128];
	uint32_t b = filter_bit(k->s, k->n);
	if (k->n >= sizeof(name) || !(r->table->filter[b / 64] >> (b % 64) & 1))
		return TOK_NONE;
	memcpy(name, k->s, k->n);
	name[k->n] = '\0';
	uint32_t e = sum_index_get(&r->table->index, name);
	return e == UINT32_MAX ? TOK_NONE : (enum tok_effect)e;
}

/* --- the bodies of a file ------------------------------------------------------------------ */

struct body_scan {
	struct quiet_bodies *qb;
	const struct quiet_rules *r;
	struct strset seen;
	struct quiet_body *cur;
	int takes, drops;
	bool after_ends_if;
};

static bool collect_token(void *ctx, const struct tok *k)
{
	struct body_scan *bs = ctx;
	enum tok_effect e = in_sequence(token_effect(k, bs->r), k, &bs->after_ends_if);
	bs->takes += e == TOK_TAKES;
	bs->drops += e == TOK_DROPS;
	bs->cur->loud |= e == TOK_OTHER;	/* a query leaves the callers nothing */
	if (e != TOK_NONE)
		return true;	/* a primitive counts here, not through a body of its name */
	if (k->field || !(k->call || k->bare) || k->n >= 128)
		return true;
	char name[128];
	memcpy(name, k->s, k->n);
	name[k->n] = '\0';
	if (strset_add(&bs->seen, name)) {
		VEC_PUSH(&bs->qb->names, arena_strndup(&bs->qb->arena, k->s, k->n));
		bs->cur->n++;
	}
	return true;
}

static void add_body(struct quiet_bodies *qb, const struct quiet_rules *r, const char *name, size_t n,
		     const char *t, size_t from, size_t to, bool loud)
{
	struct quiet_body b = {arena_strndup(&qb->arena, name, n), loud, qb->names.n, 0};
	VEC_PUSH(&qb->bodies, b);
	struct body_scan bs = {qb, r, {0}, &qb->bodies.v[qb->bodies.n - 1], 0, 0, false};
	each_token(t, from, to, collect_token, &bs);
	/* Takes and drops both: a body that balances its locks (a logging function that
	 * locks its buffer) leaves its callers nothing.  One that does not on some way gets
	 * a summary all the same, and tree.c reads its skipped callers again.  Only takes,
	 * or only drops: a wrapper. */
	bs.cur->loud |= (bs.takes > 0) != (bs.drops > 0);
	strset_release(&bs.seen);
}

/* The end of a directive starting at p (its continued lines too). */
static size_t directive_end(const char *t, size_t len, size_t p)
{
	while (p < len && t[p] != '\n')
		p += t[p] == '\\' && p + 1 < len ? 2 : 1;
	return p;
}

/* `#define NAME(...) body` or `#define NAME body`: the body is a macro's. */
static void define_body(struct quiet_bodies *qb, const struct quiet_rules *r, const char *t, size_t p, size_t end)
{
	size_t q = p + 1;
	while (q < end && (t[q] == ' ' || t[q] == '\t'))
		q++;
	if (end - q <= 6 || memcmp(t + q, "define", 6) != 0 || !(t[q + 6] == ' ' || t[q + 6] == '\t'))
		return;
	q += 6;
	while (q < end && (t[q] == ' ' || t[q] == '\t'))
		q++;
	size_t e = q;
	while (e < end && is_ident_char((unsigned char)t[e]))
		e++;
	if (e > q)
		add_body(qb, r, t + q, e - q, t, e, end, false);
}

struct decl_scan {
	const struct quiet_rules *r;
	const char *name;
	size_t n;
	bool annotated;
};

/* The declared name: the first `NAME(` that is not an attribute or annotation; and
 * whether an annotation is among the tokens. */
static bool decl_token(void *ctx, const struct tok *k)
{
	struct decl_scan *d = ctx;
	bool loud = token_effect(k, d->r) == TOK_OTHER;
	d->annotated |= loud && !k->field;
	if (!d->name && k->call && k->depth == 0 && !loud && !(k->n == 13 && memcmp(k->s, "__attribute__", 13) == 0)) {
		d->name = k->s;
		d->n = k->n;
	}
	return true;
}

/* The matching close of the brace at p, or len. */
static size_t close_brace(const char *t, size_t len, size_t p)
{
	int depth = 0;
	while (p < len) {
		size_t q = maybe_skip(t, len, p);
		if (q != p) {
			p = q;
			continue;
		}
		depth += t[p] == '{' ? 1 : t[p] == '}' ? -1 : 0;
		if (depth == 0)
			return p;
		p++;
	}
	return len;
}

void quiet_collect(struct quiet_bodies *qb, const char *t, size_t len, const struct quiet_rules *r)
{
	size_t decl = 0;	/* where the file-level declaration being read starts */
	int parens = 0;
	char last = ';';
	bool line_start = true, after_literal = false;
	for (size_t p = 0; p < len;) {
		char c = t[p];
		if (c == '#' && line_start) {
			size_t end = directive_end(t, len, p);
			define_body(qb, r, t, p, end);
			p = end;
			if (last == ';' || last == '}')
				decl = p;
			continue;
		}
		size_t q = maybe_skip(t, len, p);
		if (q != p) {
			after_literal = t[p] == '"';
			p = q;
			continue;
		}
		if (blank(c)) {
			line_start |= c == '\n';
			p++;
			continue;
		}
		line_start = false;
		if (c == '{' && after_literal) {	/* extern "C" { ... }: its insides are file level */
			after_literal = false;
			p++;
			decl = p;
			continue;
		}
		after_literal = false;
		parens += c == '(' ? 1 : c == ')' ? -1 : 0;
		parens = parens < 0 ? 0 : parens;
		if ((c == ';' || c == '{') && parens == 0) {
			struct decl_scan d = {r, NULL, 0, false};
			each_token(t, decl, p, decl_token, &d);
			size_t end = c == '{' ? close_brace(t, len, p) : p;
			if (d.name && (c == ';' ? d.annotated : last == ')' || d.annotated))
				add_body(qb, r, d.name, d.n, t, p, end, d.annotated);
			p = end < len ? end + 1 : len;
			decl = p;
			last = c == '{' ? '}' : ';';
			continue;
		}
		if (c == '}' || c == '=')
			decl = c == '}' ? p + 1 : decl;
		last = c;
		p++;
	}
}

/* --- the closure ------------------------------------------------------------------------------ */

void quiet_closure(const struct quiet_bodies *all, size_t n, bool guess, struct strset *may_lock)
{
	/* Each name's bodies, then for each name the bodies that call it. */
	struct sum_index ids = {0};
	VEC(const char *) names = {0};
	for (size_t w = 0; w < n; w++)
		for (size_t i = 0; i < all[w].bodies.n; i++)
			if (sum_index_get(&ids, all[w].bodies.v[i].name) == UINT32_MAX) {
				sum_index_put(&ids, all[w].bodies.v[i].name, (uint32_t)names.n);
				VEC_PUSH(&names, all[w].bodies.v[i].name);
			}
	VEC(uint32_t) *callers = xcalloc(names.n ? names.n : 1, sizeof(*callers));
	bool *loud = xcalloc(names.n ? names.n : 1, sizeof(*loud));
	VEC(uint32_t) todo = {0};
	for (size_t w = 0; w < n; w++)
		for (size_t i = 0; i < all[w].bodies.n; i++) {
			const struct quiet_body *b = &all[w].bodies.v[i];
			uint32_t me = sum_index_get(&ids, b->name);
			if (b->loud && !loud[me]) {
				loud[me] = true;
				VEC_PUSH(&todo, me);
			}
			for (size_t k = 0; k < b->n; k++) {
				const char *name = all[w].names.v[b->first + k];
				uint32_t callee = sum_index_get(&ids, name);
				if (callee != UINT32_MAX && callee != me)
					VEC_PUSH(&callers[callee], me);
				else if (callee == UINT32_MAX && guess && nameguess_could_pair(name, NULL) && !loud[me]) {
					loud[me] = true;	/* a name the heuristic may take as a lock */
					VEC_PUSH(&todo, me);
				}
			}
		}
	/* Names are global, so the closure spreads through every `assert` and `kmem_alloc`
	 * some program of the tree defines over a lock: QUIET_DEPTH levels of callers catch
	 * the wrappers' callers, and tree.c's second reading catches the rest. */
	for (int d = 0; todo.n; d++) {
		VEC(uint32_t) next = {0};
		while (todo.n) {
			uint32_t x = todo.v[--todo.n];
			strset_add(may_lock, names.v[x]);
			for (size_t k = 0; d < QUIET_DEPTH && k < callers[x].n; k++)
				if (!loud[callers[x].v[k]]) {
					loud[callers[x].v[k]] = true;
					VEC_PUSH(&next, callers[x].v[k]);
				}
		}
		VEC_FREE(&todo);
		todo.v = next.v; todo.n = next.n; todo.cap = next.cap;
	}
	for (size_t i = 0; i < names.n; i++)
		VEC_FREE(&callers[i]);
	free(callers);
	free(loud);
	VEC_FREE(&todo);
	VEC_FREE(&names);
	sum_index_release(&ids);
}

void quiet_bodies_release(struct quiet_bodies *qb)
{
	VEC_FREE(&qb->bodies);
	VEC_FREE(&qb->names);
	arena_release(&qb->arena);
}

/* --- one function, at round 0 ---------------------------------------------------------------- */

struct fn_scan {
	const struct quiet_rules *r;
	const struct strset *may_lock;
	bool (*known)(void *ctx, const char *name);
	bool (*guessable)(void *ctx, const char *name);
	void *ctx;
	void (*note)(void *ctx, const char *name);
	void *note_ctx;
	bool loud;
	bool after_ends_if;
};

static bool fn_token(void *ctx, const struct tok *k)
{
	struct fn_scan *fs = ctx;
	if (in_sequence(token_effect(k, fs->r), k, &fs->after_ends_if) != TOK_NONE) {
		fs->loud = true;
		return false;
	}
	if (k->field || k->n >= 128 || !(k->call || k->bare))
		return true;	/* a variable, a type, a constant: not a function it could run */
	char name[128];
	memcpy(name, k->s, k->n);
	name[k->n] = '\0';
	if (strset_has(fs->may_lock, name) || fs->known(fs->ctx, name) ||
	    (fs->r->guess && k->call && nameguess_could_pair(name, NULL) && fs->guessable(fs->ctx, name))) {
		fs->loud = true;
		return false;
	}
	fs->note(fs->note_ctx, name);
	return true;
}

bool quiet_function(const char *text, size_t from, size_t to, const struct quiet_rules *r,
		    const struct strset *may_lock, bool (*known)(void *ctx, const char *name),
		    bool (*guessable)(void *ctx, const char *name), void *ctx,
		    void (*note)(void *ctx, const char *name), void *note_ctx)
{
	struct fn_scan fs = {r, may_lock, known, guessable, ctx, note, note_ctx, false, false};
	each_token(text, from, to, fn_token, &fs);
	return !fs.loud;
}

#include "lockid.h"
#include "util.h"

#include <string.h>

TSNode lockid_strip(const struct lockid *id, TSNode n, bool casts)
{
	for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
		enum node_kind k = node_kind(id->g, n);
		TSNode inner = {0};
		if (k == NK_parenthesized_expression && ts_node_named_child_count(n) == 1)
			inner = ts_node_named_child(n, 0);
		else if (k == NK_cast_expression && casts)
			inner = node_field(id->g, n, F_value);
		if (ts_node_is_null(inner) || node_kind(id->g, inner) == NK_compound_statement)
			break;
		n = inner;
	}
	return n;
}

/* `(q)->lock` is `q->lock`: macro bodies parenthesise their arguments.  Only where the
 * parentheses hold one identifier and are followed by -> . [ ) , or the end: not a call
 * (`f(q)`) and not a cast (`(type)x`). */
static size_t drop_ident_parens(char *buf, size_t len)
{
	size_t w = 0;
	for (size_t r = 0; r < len;) {
		if (buf[r] == '(' && (w == 0 || !is_ident_char((unsigned char)buf[w - 1]))) {
			size_t e = r + 1;
			while (e < len && is_ident_char((unsigned char)buf[e]))
				e++;
			char next = e + 1 < len ? buf[e + 1] : '\0';
			if (e > r + 1 && e < len && buf[e] == ')' &&
			    (next == '\0' || next == '-' || next == '.' || next == '[' || next == ')' || next == ',')) {
				memmove(buf + w, buf + r + 1, e - r - 1);
				w += e - r - 1;
				r = e + 1;
				continue;
			}
		}
		buf[w++] = buf[r++];
	}
	return w;
}

/* Copies the node's text without white space or comments, keeping one space between two
 * identifier characters (`struct foo`), so that formatting never changes a key. */
static const char *normalised(struct lockid *id, TSNode n, bool fold_only)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
	const char *t = id->text;
	char small[256];
	char *buf = b - a < sizeof(small) ? small : xmalloc(b - a + 1);
	size_t len = 0;
	bool pending_space = false;
	for (uint32_t i = a; i < b; i++) {
		char c = t[i];
		if (c == '/' && i + 1 < b && t[i + 1] == '*') {
			const char *e = strstr(t + i + 2, "*/");
			i = e && (uint32_t)(e - t) + 1 < b ? (uint32_t)(e - t) + 1 : b;
			pending_space = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
			pending_space = true;
			continue;
		}
		if (pending_space && len > 0 &&
		    (fold_only || (is_ident_char(buf[len - 1]) && is_ident_char(c))))
			buf[len++] = ' ';
		pending_space = false;
		buf[len++] = c;
		if (c == '"' || c == '\'') {	/* literals keep their bytes */
			for (i++; i < b && t[i] != c; i++) {
				buf[len++] = t[i];
				if (t[i] == '\\' && i + 1 < b)
					buf[len++] = t[++i];
			}
			if (i < b)
				buf[len++] = c;
		}
	}
	if (!fold_only)
		len = drop_ident_parens(buf, len);
	const char *key = cfg_intern(id->cfg, buf, len);
	if (buf != small)
		free(buf);
	return key;
}

const char *lockid_expr_key(struct lockid *id, TSNode expr)
{
	return normalised(id, lockid_strip(id, expr, false), false);
}

const char *lockid_text(struct lockid *id, TSNode expr)
{
	return normalised(id, expr, true);
}

static TSNode strip_address(const struct lockid *id, TSNode n)
{
	n = lockid_strip(id, n, true);
	if (node_kind(id->g, n) == NK_pointer_expression) {
		TSNode op = node_field(id->g, n, F_operator);
		if (!ts_node_is_null(op) && id->text[ts_node_start_byte(op)] == '&')
			n = lockid_strip(id, node_field(id->g, n, F_argument), true);
	}
	return n;
}

const char *lockid_lock_key(struct lockid *id, TSNode expr)
{
	return cfg_resolve_alias(id->cfg, normalised(id, strip_address(id, expr), false));
}

const char *lockid_lock_key_text(struct lockid *id, const char *s, size_t n)
{
	char small[256] = {0};
	char *buf = n < sizeof(small) ? small : xmalloc(n + 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\')
			continue;
		buf[len++] = c;
	}
	size_t a = 0;
	for (;;) {	/* strip `&` and parentheses that enclose the whole argument */
		if (a < len && buf[a] == '&') {
			a++;
			continue;
		}
		if (a < len && buf[a] == '(' && buf[len - 1] == ')') {
			int depth = 0;
			size_t i;
			for (i = a; i < len; i++) {
				depth += buf[i] == '(' ? 1 : buf[i] == ')' ? -1 : 0;
				if (depth == 0)
					break;
			}
			if (i == len - 1) {
				a++;
				len--;
				continue;
			}
		}
		break;
	}
	const char *key = cfg_intern(id->cfg, buf + a, len - a);
	if (buf != small)
		free(buf);
	return cfg_resolve_alias(id->cfg, key);
}

/* --- alias scan: locals written exactly once, from a lock-like path ------------------ */

struct write_count {
	const char *name;
	int writes;
	TSNode value;	/* the one value written, from a declaration */
	bool declared;
	bool opaque;	/* declared `void *v` or `char *v` (a tag, not an object of its own) */
};

typedef VEC(struct write_count) write_vec;

static struct write_count *writes_of(write_vec *w, const char *name)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].name == name)
			return &w->v[i];
	VEC_PUSH(w, ((struct write_count){.name = name}));
	return &w->v[w->n - 1];
}

static TSNode declarator_name(const struct lockid *id, TSNode d)
{
	for (int guard = 0; guard < 16 && !ts_node_is_null(d); guard++) {
		if (node_kind(id->g, d) == NK_identifier)
			return d;
		TSNode next = node_field(id->g, d, F_declarator);
		d = next;
	}
	return (TSNode){0};
}

/* `void *tag`, `const void *tag = x`, `char *tag` among a declaration's declarators. */
static void note_opaque(struct lockid *id, write_vec *w, TSNode decl)
{
	TSNode type = node_field(id->g, decl, F_type);
	uint32_t a = ts_node_start_byte(type), e = ts_node_end_byte(type);
	if (ts_node_is_null(type) || e - a != 4 || (memcmp(id->text + a, "void", 4) && memcmp(id->text + a, "char", 4)))
		return;
	uint32_t cnt = ts_node_child_count(decl);
	for (uint32_t i = 0; i < cnt; i++) {
		const char *f = ts_node_field_name_for_child(decl, i);
		TSNode d = ts_node_child(decl, i);
		if (!f || strcmp(f, "declarator") != 0)
			continue;
		if (node_kind(id->g, d) == NK_init_declarator)
			d = node_field(id->g, d, F_declarator);
		if (node_kind(id->g, d) != NK_pointer_declarator)
			continue;
		d = node_field(id->g, d, F_declarator);
		if (node_kind(id->g, d) == NK_identifier)
			writes_of(w, lockid_expr_key(id, d))->opaque = true;
	}
}

static bool is_lock_path(const struct lockid *id, TSNode v)
{
	enum node_kind k = node_kind(id->g, strip_address(id, v));
	return k == NK_field_expression || k == NK_call_expression || k == NK_subscript_expression ||
	       k == NK_identifier;
}

static void note_write(struct lockid *id, write_vec *w, TSNode target, TSNode value, bool decl)
{
	target = lockid_strip(id, target, false);
	if (node_kind(id->g, target) != NK_identifier)
		return;
	struct write_count *wc = writes_of(w, lockid_expr_key(id, target));
	wc->writes++;
	if (decl) {
		wc->declared = true;
		wc->value = value;
		if (ts_node_is_null(value))
			wc->writes--;	/* a declaration without initialiser writes nothing */
	}
}

bool lockid_static_declaration(const struct lockid *id, TSNode decl)
{
	uint32_t cnt = node_kind(id->g, decl) == NK_declaration ? ts_node_child_count(decl) : 0;
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode c = ts_node_child(decl, i);
		uint32_t a = ts_node_start_byte(c), e = ts_node_end_byte(c);
		if (e - a == 6 && memcmp(id->text + a, "static", 6) == 0 && strcmp(ts_node_type(c), "storage_class_specifier") == 0)
			return true;
	}
	return false;
}

static void scan_node(struct lockid *id, write_vec *w, TSNode n)
{
	switch (node_kind(id->g, n)) {
	case NK_init_declarator:
		if (lockid_static_declaration(id, ts_node_parent(n)))
			break;
		note_write(id, w, declarator_name(id, node_field(id->g, n, F_declarator)),
			   node_field(id->g, n, F_value), true);
		break;
	case NK_declaration: {	/* `spinlock_t *l, *m;` declares without writing */
		if (lockid_static_declaration(id, n))
			break;
		note_opaque(id, w, n);
		uint32_t cnt = ts_node_child_count(n);
		for (uint32_t i = 0; i < cnt; i++) {
			const char *f = ts_node_field_name_for_child(n, i);
			TSNode d = ts_node_child(n, i);
			if (f && strcmp(f, "declarator") == 0 && node_kind(id->g, d) != NK_init_declarator)
				note_write(id, w, declarator_name(id, d), (TSNode){0}, true);
		}
		break;
	}
	case NK_assignment_expression:
		note_write(id, w, node_field(id->g, n, F_left), (TSNode){0}, false);
		break;
	case NK_update_expression:
		note_write(id, w, node_field(id->g, n, F_argument), (TSNode){0}, false);
		break;
	case NK_pointer_expression:
		if (id->text[ts_node_start_byte(n)] == '&')	/* &l: may be written through */
			note_write(id, w, node_field(id->g, n, F_argument), (TSNode){0}, false);
		break;
	default:
		break;
	}
}

struct scan_ctx {
	struct lockid *id;
	write_vec w;
	void (*also)(void *ctx, TSNode n);
	void *also_ctx;
};

static void scan_visit(void *ctx, TSNode n)
{
	struct scan_ctx *sc = ctx;
	scan_node(sc->id, &sc->w, n);
	if (sc->also)
		sc->also(sc->also_ctx, n);
}

void lockid_init(struct lockid *id, const struct grammar *g, const char *text, struct cfg *cfg, TSNode body,
		 void (*also)(void *ctx, TSNode n), void *also_ctx)
{
	memset(id, 0, sizeof(*id));
	id->g = g;
	id->text = text;
	id->cfg = cfg;
	if (ts_node_is_null(body))
		return;
	struct scan_ctx sc = {id, {0}, also, also_ctx};
	parse_walk(body, scan_visit, &sc);
	write_vec w = sc.w;
	cfg->locals = ARENA_ARRAY(cfg->arena, const char *, w.n ? w.n : 1);
	for (size_t i = 0; i < w.n; i++)
		if (w.v[i].declared)
			cfg->locals[cfg->nlocals++] = w.v[i].name;
	for (size_t i = 0; i < w.n; i++)
		cfg->nopaque_locals += w.v[i].declared && w.v[i].opaque;
	cfg->opaque_locals = ARENA_ARRAY(cfg->arena, const char *, cfg->nopaque_locals ? cfg->nopaque_locals : 1);
	cfg->nopaque_locals = 0;
	for (size_t i = 0; i < w.n; i++)
		if (w.v[i].declared && w.v[i].opaque)
			cfg->opaque_locals[cfg->nopaque_locals++] = w.v[i].name;
	size_t n = 0;
	for (size_t i = 0; i < w.n; i++)
		n += w.v[i].declared && w.v[i].writes == 1 && is_lock_path(id, w.v[i].value);
	cfg->aliases = ARENA_ARRAY(cfg->arena, struct alias, n ? n : 1);
	for (size_t i = 0; i < w.n; i++) {
		struct write_count *wc = &w.v[i];
		if (!(wc->declared && wc->writes == 1 && is_lock_path(id, wc->value)))
			continue;
		TSNode v = lockid_strip(id, wc->value, true);
		bool address = node_kind(id->g, v) == NK_pointer_expression && id->text[ts_node_start_byte(v)] == '&';
		struct alias al = {wc->name, lockid_lock_key(id, wc->value), address};
		if (al.key != al.name)
			cfg->aliases[cfg->naliases++] = al;
	}
	VEC_FREE(&w);
}

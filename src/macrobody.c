#include "macrobody.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Words in the names of lock wrappers: spin_lock, zfs_enter, ctx_acquire, ... */
static bool lockish_name(const char *name)
{
	static const char *const words[] = {"lock", "LOCK", "enter", "ENTER", "acquire", "ACQUIRE", "release", "RELEASE"};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strstr(name, words[i]))
			return true;
	return false;
}

/* Whether a macro body is worth reading: it names a lock primitive, or something whose
 * name says lock (a wrapper, whose own summary will say what it does). */
static bool body_locks(const struct lockapi *api, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (!is_ident_char((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < n && is_ident_char((unsigned char)s[e]))
			e++;
		char name[128];
		if (e - i < sizeof(name)) {
			memcpy(name, s + i, e - i);
			name[e - i] = '\0';
			const struct lockprim *row = lockapi_call(api, name);
			if ((row && row->effect != LE_NORETURN && row->effect != LE_ASSERT) || lockish_name(name))
				return true;
		}
		i = e;
	}
	return false;
}

static const char *node_text(const struct parsed_file *pf, TSNode n, size_t *len)
{
	*len = ts_node_end_byte(n) - ts_node_start_byte(n);
	return pf->text + ts_node_start_byte(n);
}

/* A body with no statement in it: no `;`, and not a `do`/`{` block. */
static bool is_expression(const char *t, size_t n)
{
	while (n && (*t == ' ' || *t == '\t'))
		t++, n--;
	if (n >= 2 && (memcmp(t, "do", 2) == 0 || *t == '{'))
		return false;
	return !memchr(t, ';', n) && !(n >= 2 && memcmp(t, "if", 2) == 0);
}

/* `void NAME(int a, int b) {` + body (continuations as spaces) + `;}`, after line-1 newlines. */
/* Newlines up to the macro's line (so the function's lines are the macro's), then the
 * return type and the macro's name. */
static void start_function(struct strbuf *sb, const struct parsed_file *pf, TSNode def, TSNode name, const char *type)
{
	for (uint32_t i = 0; i < ts_node_start_point(def).row; i++)
		sb_putc(sb, '\n');
	size_t n;
	const char *t = node_text(pf, name, &n);
	sb_puts(sb, type);
	sb_add(sb, t, n);
}

static char *synthesize(const struct grammar *g, const struct parsed_file *pf, TSNode def, size_t *len, bool *expr)
{
	TSNode name = ts_node_named_child(def, 0), params = node_field(g, def, F_parameters),
	       value = node_field(g, def, F_value);
	if (ts_node_is_null(name) || ts_node_is_null(value))
		return NULL;
	struct strbuf sb = {0};
	size_t n;
	const char *t;
	start_function(&sb, pf, def, name, "void ");
	sb_putc(&sb, '(');
	uint32_t np = ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
	for (uint32_t i = 0; i < np; i++) {
		t = node_text(pf, ts_node_named_child(params, i), &n);
		sb_puts(&sb, i ? ", void *" : "void *");	/* untyped: opaque (cfg.h opaque_params) */
		sb_add(&sb, t, n);
	}
	t = node_text(pf, value, &n);
	/* An expression macro (`rte_spinlock_trylock(&(d)->lock)`) hands back its value. */
	*expr = is_expression(t, n);
	sb_puts(&sb, *expr ? ") { return " : ") { ");
	for (size_t i = 0; i < n; i++)
		sb_putc(&sb, t[i] == '\\' && i + 1 < n && (t[i + 1] == '\n' || t[i + 1] == '\r') ? ' ' : t[i]);
	sb_puts(&sb, "\n;}\n");
	*len = sb.len;
	return sb.buf;
}

/* `#define plt_spinlock_lock rte_spinlock_lock`: a name for a lock primitive. */
static bool is_lock_alias(const struct lockapi *api, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char name[128];
	if (!n || n >= sizeof(name))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_ident_char((unsigned char)s[i]))
			return false;
	memcpy(name, s, n);
	name[n] = '\0';
	const struct lockprim *row = lockapi_call(api, name);
	return row && row->effect != LE_NORETURN && row->effect != LE_ASSERT;
}

/* The alias as a function forwarding its arguments: `int NAME(int a0, ..., int a3) {
 * return TARGET(a0, ..., a3); }` (the primitive's row picks the argument that is the lock). */
static char *synthesize_alias(const struct parsed_file *pf, TSNode def, const char *target, size_t tlen, size_t *len)
{
	TSNode name = ts_node_named_child(def, 0);
	if (ts_node_is_null(name))
		return NULL;
	struct strbuf sb = {0};
	while (tlen && (*target == ' ' || *target == '\t'))
		target++, tlen--;
	while (tlen && is_ident_char((unsigned char)target[tlen - 1]) == 0)
		tlen--;
	start_function(&sb, pf, def, name, "int ");
	sb_puts(&sb, "(int a0, int a1, int a2, int a3) { return ");
	sb_add(&sb, target, tlen);
	sb_puts(&sb, "(a0, a1, a2, a3);\n}\n");
	*len = sb.len;
	return sb.buf;
}

/* Calls visit(ctx, def) for each #define at file level and in the first levels of #if
 * blocks (where header macros live). */
static void each_define(const struct parser *p, const struct parsed_file *pf, void (*visit)(void *ctx, TSNode def),
			void *ctx)
{
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(pf->tree));
	if (!ts_tree_cursor_goto_first_child(&c)) {
		ts_tree_cursor_delete(&c);
		return;
	}
	for (int depth = 0;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		enum node_kind k = node_kind(&p->g, n);
		if (k == NK_preproc_function_def || k == NK_preproc_def)
			visit(ctx, n);
		bool block = k == NK_preproc_if || k == NK_preproc_ifdef || k == NK_preproc_else || k == NK_preproc_elif;
		if (block && depth < 3 && ts_tree_cursor_goto_first_child(&c)) {
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c))
				goto done;
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&c);
}

struct collect {
	struct parser *p;
	const struct parsed_file *pf;
	const struct lockapi *api;
	struct macro_fn *out;
	size_t count;
};

static void collect_one(void *ctx, TSNode n)
{
	struct collect *cl = ctx;
	enum node_kind k = node_kind(&cl->p->g, n);
	TSNode value = node_field(&cl->p->g, n, F_value);
	size_t vlen = 0;
	const char *body = ts_node_is_null(value) ? NULL : node_text(cl->pf, value, &vlen);
	bool alias = k == NK_preproc_def && body && is_lock_alias(cl->api, body, vlen);
	if (!body || cl->count >= MACROBODY_MAX_PER_FILE ||
	    !((k == NK_preproc_function_def && body_locks(cl->api, body, vlen)) || alias))
		return;
	size_t len;
	bool expr = alias;
	char *text = alias ? synthesize_alias(cl->pf, n, body, vlen, &len) : synthesize(&cl->p->g, cl->pf, n, &len, &expr);
	if (!text)
		return;
	cl->out = xrealloc(cl->out, (cl->count + 1) * sizeof(*cl->out));
	struct macro_fn *m = &cl->out[cl->count];
	memset(m, 0, sizeof(*m));
	m->expression = expr;
	m->src = (struct source){.path = cl->pf->src->path, .text = text, .len = len};
	if (parse_file(cl->p, &m->src, &m->pf) && m->pf.nfunctions == 1) {
		cl->count++;
	} else {
		parse_file_release(&m->pf);
		free(text);
	}
}

size_t macrobody_collect(struct parser *p, const struct parsed_file *pf, const struct lockapi *api,
			 struct macro_fn **out)
{
	struct collect cl = {p, pf, api, NULL, 0};
	each_define(p, pf, collect_one, &cl);
	for (size_t i = 0; i < cl.count; i++)	/* the array moved while it grew */
		cl.out[i].pf.src = &cl.out[i].src;
	*out = cl.out;
	return cl.count;
}

void macrobody_release(struct macro_fn *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		parse_file_release(&m[i].pf);
		free(m[i].src.text);
	}
	free(m);
}

struct name_note {
	const struct parsed_file *pf;
	void (*note)(void *ctx, const char *name);
	void *ctx;
};

static void note_one(void *ctx, TSNode def)
{
	struct name_note *nn = ctx;
	TSNode name = ts_node_named_child(def, 0);
	size_t len;
	const char *t = ts_node_is_null(name) ? NULL : node_text(nn->pf, name, &len);
	char buf[128];
	if (t && len < sizeof(buf)) {
		memcpy(buf, t, len);
		buf[len] = '\0';
		nn->note(nn->ctx, buf);
	}
}

void macrobody_names(const struct parser *p, const struct parsed_file *pf, void (*note)(void *ctx, const char *name),
		     void *ctx)
{
	struct name_note nn = {pf, note, ctx};
	each_define(p, pf, note_one, &nn);
}

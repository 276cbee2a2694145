#include "contracts.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

void contracts_init(struct contracts *c)
{
	memset(c, 0, sizeof(*c));
}

void contracts_release(struct contracts *c)
{
	VEC_FREE(&c->impls);
	VEC_FREE(&c->calls);
	arena_release(&c->arena);
}

void contracts_append(struct contracts *dst, const struct contracts *src)
{
	for (size_t i = 0; i < src->impls.n; i++)
		VEC_PUSH(&dst->impls, src->impls.v[i]);
	for (size_t i = 0; i < src->calls.n; i++)
		VEC_PUSH(&dst->calls, src->calls.v[i]);
}

void contracts_forget_file(struct contracts *c, const char *file)
{
	size_t k = 0;
	for (size_t i = 0; i < c->calls.n; i++)
		if (strcmp(c->calls.v[i].file, file) != 0)
			c->calls.v[k++] = c->calls.v[i];
	c->calls.n = k;
}

void contracts_forget_functions(struct contracts *c, const char *file, const struct strset *fns)
{
	size_t k = 0;
	for (size_t i = 0; i < c->calls.n; i++)
		if (strcmp(c->calls.v[i].file, file) != 0 || !strset_has(fns, c->calls.v[i].caller))
			c->calls.v[k++] = c->calls.v[i];
	c->calls.n = k;
}

static const char *text_of(struct contracts *c, const struct parsed_file *pf, TSNode n)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
	return arena_strndup(&c->arena, pf->text + a, b - a);
}

/* `struct T name = { .field = fn, ... };` */
static void scan_declaration(struct contracts *c, const struct grammar *g, const struct parsed_file *pf,
			     TSNode decl, const char *file)
{
	TSNode type = node_field(g, decl, F_type), init = node_field(g, decl, F_declarator);
	if (node_kind(g, type) != NK_struct_specifier || node_kind(g, init) != NK_init_declarator)
		return;
	TSNode tname = node_field(g, type, F_name), name = node_field(g, init, F_declarator),
	       list = node_field(g, init, F_value);
	if (node_kind(g, list) != NK_initializer_list || ts_node_is_null(tname))
		return;
	const char *type_name = text_of(c, pf, tname), *table = text_of(c, pf, name);
	uint32_t n = ts_node_named_child_count(list);
	for (uint32_t i = 0; i < n; i++) {
		TSNode pair = ts_node_named_child(list, i);
		if (node_kind(g, pair) != NK_initializer_pair)
			continue;
		TSNode des = ts_node_named_child(pair, 0), value = node_field(g, pair, F_value);
		if (node_kind(g, des) != NK_field_designator || node_kind(g, value) != NK_identifier)
			continue;
		TSPoint p = ts_node_start_point(pair);
		struct ops_impl impl = {type_name, table, text_of(c, pf, ts_node_named_child(des, 0)),
					text_of(c, pf, value), arena_strdup(&c->arena, file), {p.row + 1, p.column + 1}};
		VEC_PUSH(&c->impls, impl);
	}
}

void contracts_scan_tables(struct contracts *c, const struct grammar *g, const struct parsed_file *pf, const char *file)
{
	TSNode root = ts_tree_root_node(pf->tree);
	uint32_t n = ts_node_named_child_count(root);
	for (uint32_t i = 0; i < n; i++) {
		TSNode d = ts_node_named_child(root, i);
		if (node_kind(g, d) == NK_declaration)
			scan_declaration(c, g, pf, d, file);
	}
}

void contracts_note_calls(struct contracts *c, const struct analysis *res, const char *file)
{
	for (size_t i = 0; i < res->nfields; i++) {
		const struct field_site *fs = &res->fields[i];
		if (!fs->held)
			continue;	/* only callers that hold a lock across the call make a contract */
		struct field_call call = {
			arena_strdup(&c->arena, fs->at->field), arena_strdup(&c->arena, res->cfg->name),
			arena_strdup(&c->arena, file), fs->at->loc, arena_strdup(&c->arena, fs->held->text),
			arena_strdup(&c->arena, fs->held->prim),
		};
		VEC_PUSH(&c->calls, call);
	}
}

/* Whether an effect can be on the lock the callers hold: a lock reached from the
 * implementation's parameters can be (its name differs on the two sides), a global one
 * only if the callers hold that very global. */
static bool may_be_held_lock(const struct sum_effect *e, const char *held)
{
	if (strchr(e->key, '$'))
		return true;
	held += *held == '&';
	return strcmp(e->key, held) == 0;
}

/* The case of a summary that changes the lock the callers hold, and its first such effect. */
static const struct sum_effect *breach(const struct summary *s, const char *held, const struct sum_case **which)
{
	for (uint16_t i = 0; i < s->ncases; i++)
		for (uint16_t k = 0; k < s->cases[i].neffects; k++)
			if (may_be_held_lock(&s->cases[i].effects[k], held)) {
				*which = &s->cases[i];
				return &s->cases[i].effects[k];
			}
	return NULL;
}

typedef VEC(struct note) note_vec;

/* Budget: the callers a contract finding shows one note each; the rest are counted. */
#define CONTRACT_CALLER_NOTES 8

static const char *first_held(const struct contracts *c, const char *field)
{
	for (size_t i = 0; i < c->calls.n; i++)
		if (strcmp(c->calls.v[i].field, field) == 0)
			return c->calls.v[i].held;
	return "";
}

static void add_note(struct arena *a, note_vec *notes, const char *file, struct loc loc, const char *msg)
{
	VEC_PUSH(notes, ((struct note){loc, arena_strdup(a, msg), file}));
}

static void report_impl(const struct contracts *c, const struct ops_impl *im, const struct summary *s,
			struct finding_list *out, struct arena *a)
{
	const struct sum_case *sc = NULL;
	const struct sum_effect *eff = breach(s, first_held(c, im->field), &sc);
	note_vec notes = {0};
	struct strbuf callers = {0};
	size_t ncallers = 0;
	const struct field_call *first_unlisted = NULL;
	const char *named[4];
	for (size_t i = 0; i < c->calls.n; i++) {
		const struct field_call *fc = &c->calls.v[i];
		if (strcmp(fc->field, im->field) != 0)
			continue;
		if (ncallers < 4)
			named[ncallers] = fc->caller;
		if (ncallers < CONTRACT_CALLER_NOTES)
			add_note(a, &notes, fc->file, fc->loc,
				 arena_printf(a, "%s() holds '%s' (%s) across ->%s() and releases it after it returns",
					      fc->caller, fc->held, fc->held_by, im->field));
		else if (ncallers == CONTRACT_CALLER_NOTES)
			first_unlisted = fc;
		ncallers++;
	}
	size_t shown = ncallers < 4 ? ncallers : 4;	/* a(), b(), c() and d(); ... and 26 more */
	for (size_t i = 0; i < shown; i++)
		sb_printf(&callers, "%s%s()", i == 0 ? "" : (i + 1 == shown && ncallers <= 4) ? " and " : ", ", named[i]);
	if (ncallers > 4)
		sb_printf(&callers, " and %zu more", ncallers - 4);
	if (first_unlisted)	/* a table called from thousands of places: notes stay readable */
		add_note(a, &notes, first_unlisted->file, first_unlisted->loc,
			 arena_printf(a, "%zu more callers hold it across ->%s() the same way, the first here",
				      ncallers - CONTRACT_CALLER_NOTES, im->field));
	add_note(a, &notes, im->file, im->loc,
		 arena_printf(a, "'%s' is the ->%s of '%s' (struct %s)", im->fn, im->field, im->table, im->type));
	const char *lock = summary_key_text(a, s, eff->key);
	add_note(a, &notes, s->file, eff->loc,
		 arena_printf(a, "'%s' %s here by '%s'", lock, eff->delta < 0 ? "released" : "acquired", eff->prim));
	add_note(a, &notes, s->file, sc->first_return,
		 arena_printf(a, "'%s' returns here %s", s->name, eff->delta < 0 ? "without re-acquiring it" : "still holding it"));
	const char *held = first_held(c, im->field);
	char msg[1024];
	snprintf(msg, sizeof(msg), "'%s' (->%s of struct %s) can return %s '%s' (through '%s'), but %s %s %s '%s' across ->%s() and %s it%s after it returns",
		 s->name, im->field, im->type, eff->delta < 0 ? "without re-acquiring" : "still holding", lock, eff->prim,
		 ncallers == 1 ? "its caller" : "its callers", sb_str(&callers), ncallers == 1 ? "holds" : "hold", held,
		 im->field, eff->delta < 0 ? (ncallers == 1 ? "unlocks" : "unlock") : (ncallers == 1 ? "expects" : "expect"),
		 eff->delta < 0 ? "" : " released");
	struct finding f = {
		.file = s->file, .loc = s->loc, .function = s->name, .kind = FK_OPS_CONTRACT,
		.lock = arena_strdup(a, lock), .message = arena_strdup(a, msg),
		.notes = arena_memdup(a, notes.v, notes.n * sizeof(*notes.v)), .nnotes = notes.n,
	};
	VEC_PUSH(out, f);
	VEC_FREE(&notes);
	sb_release(&callers);
}

void contracts_check(const struct contracts *c, const struct summary_table *sums, struct finding_list *out,
		     struct arena *arena)
{
	for (size_t i = 0; i < c->impls.n; i++) {
		const struct ops_impl *im = &c->impls.v[i];
		bool called = false;
		for (size_t k = 0; k < c->calls.n && !called; k++)
			called = strcmp(c->calls.v[k].field, im->field) == 0;
		const struct summary *s = called ? summary_lookup(sums, im->fn, im->file) : NULL;
		const struct sum_case *sc;
		if (s && !s->is_macro && breach(s, first_held(c, im->field), &sc))
			report_impl(c, im, s, out, arena);
	}
}

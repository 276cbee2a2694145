#include "summary.h"
#include "lockstate.h"
#include "macros.h"
#include "util.h"

#include <string.h>

/* Budget: a function whose returns fall into more ways than this is not summarised (its
 * callers would split into as many states at every call). */
#define SUMMARY_MAX_CASES 4
#define SUMMARY_MAX_EFFECTS 8

/* Every summary is on the chain of its (name, file); those a call from another file can
 * bind to (not static, or a header's static inline) are also on their name's chain, in
 * the order they came (the first definition of a name wins).  Thousands of files may each
 * have a static `lock()`: a call finds its own file's at once, and the name's chain holds
 * only the exported few. */
struct sum_node {
	struct sum_node *next;		/* same (name, file) hash */
	struct sum_node *next_exported;	/* same name hash, callable from other files */
	struct summary *s;
};

struct summary_table {
	struct arena arena;
	struct strset defined;	/* every function name defined in the run */
	struct sum_node **slot;	/* chains by (name, file) hash */
	struct sum_node **exported;	/* chains by name hash */
	size_t cap, count;
};

struct summary_table *summary_table_new(void)
{
	struct summary_table *t = xcalloc(1, sizeof(*t));
	t->cap = 4096;
	t->slot = xcalloc(t->cap, sizeof(*t->slot));
	t->exported = xcalloc(t->cap, sizeof(*t->exported));
	return t;
}

void summary_table_free(struct summary_table *t)
{
	if (!t)
		return;
	arena_release(&t->arena);
	strset_release(&t->defined);
	free(t->slot);
	free(t->exported);
	free(t);
}

size_t summary_count(const struct summary_table *t) { return t->count; }

bool summary_defined(const struct summary_table *t, const char *name) { return strset_has(&t->defined, name); }
void summary_note_defined(struct summary_table *t, const char *name) { strset_add(&t->defined, name); }

static size_t slot_of(const struct summary_table *t, const char *name)
{
	return (size_t)hash_bytes(name, strlen(name), 0) & (t->cap - 1);
}

static size_t pair_slot(const struct summary_table *t, const char *name, const char *file)
{
	return (size_t)hash_bytes(file, strlen(file), hash_bytes(name, strlen(name), 0)) & (t->cap - 1);
}

static bool exported(const struct summary *s)
{
	return !s->is_static || has_suffix(s->file, ".h");
}

/* --- building a summary from exit states -------------------------------------------- */

static const char *param_condition(struct arena *a, struct cfg *c, const char *key);

/* key with the value a local holds replaced by the field of the caller's object the
 * function stores it in (`item_locks[hash(k)&mask]` after `ret->hv = hv`, hv being
 * hash(k)), then with parameters written $N; NULL if there is no such store. */
static const char *picked_through_store(struct arena *a, struct cfg *c, const char *key)
{
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind != EV_ASSIGN || e->by_address || !e->prim || !strstr(e->key, "->") ||
			    cfg_stored_through(c, e->key) < 0)
				continue;
			const char *v = cfg_resolve_alias(c, e->prim), *at = strstr(key, v);
			size_t vn = strlen(v);
			while (at && v == e->prim &&	/* the variable itself: a whole name, not a part */
			       ((at > key && is_ident_char((unsigned char)at[-1])) || is_ident_char((unsigned char)at[vn])))
				at = strstr(at + 1, v);
			if (!at)
				continue;
			const char *swapped = arena_printf(a, "%.*s%s%s", (int)(at - key), key, e->key, at + vn);
			const char *out = param_condition(a, c, swapped);
			if (out)
				return out;
		}
	return NULL;
}

/* The key with its root parameter written $N; NULL for keys that hang from a local. */
static const char *param_key(struct arena *a, const struct cfg *c, const char *key, const char *ret)
{
	if (strchr(key, '{'))	/* spa{locks}: every parameter in it, not just the root */
		return param_condition(a, (struct cfg *)c, key);
	bool whole;
	size_t vn;
	const char *to;
	int out = cfg_out_param((struct cfg *)c, key, &whole, &vn, &to);	/* *lp = l with l->lock held */
	if (out >= 0 && to[0] == '*')
		return whole ? arena_printf(a, "*$%d", out) : arena_printf(a, "(*$%d)%s", out, key + vn);
	if (out >= 0)	/* th->th_cpu = tc with tc->tc_lock held: $1->th_cpu->tc_lock */
		return arena_printf(a, "$%d%s%s", out, strstr(to, "->"), whole ? "" : key + vn);
	size_t rn = ret ? strlen(ret) : 0;
	if (rn && strncmp(key, ret, rn) == 0 && (!key[rn] || key[rn] == '-' || key[rn] == '.') && strchr(ret, '('))
		return arena_printf(a, "$r%s", key + rn);	/* return f(x) with f(x)->lock held */
	const char *root;
	size_t n = cfg_key_root(key, &root);
	if (!n)
		return arena_strdup(a, key);	/* rcu, rtnl: global by name */
	for (size_t i = 0; i < c->nparams; i++)
		if (strlen(c->params[i]) == n && strncmp(c->params[i], root, n) == 0)
			return arena_printf(a, "%.*s$%zu%s", (int)(root - key), key, i, root + n);
	if (ret && strlen(ret) == n && strncmp(ret, root, n) == 0)	/* return (zv) with zv->lock held */
		return arena_printf(a, "%.*s$r%s", (int)(root - key), key, root + n);
	if (cfg_key_is_local(c, key))
		return NULL;
	/* A global array's lock picked by a parameter (`&lru_locks[i]`, `item_locks[hv & mask]`):
	 * the caller's argument picks it.  One picked by a local stays as written, unless the
	 * function stores that local in its caller's object (`ret->hv = hv`): then the caller
	 * names it through that field. */
	const char *picked = strchr(key, '[') ? param_condition(a, (struct cfg *)c, key) : NULL;
	if (!picked && strchr(key, '['))
		picked = picked_through_store(a, (struct cfg *)c, key);
	if (picked && strchr(picked, '$'))
		return picked;
	return arena_strdup(a, key);	/* a global variable's lock */
}

/* A condition's key with every parameter written $N (after the function's local pointer
 * copies are resolved); NULL if it mentions a local. */
static const char *param_condition(struct arena *a, struct cfg *c, const char *key)
{
	key = cfg_resolve_aliases_in(c, key);
	struct strbuf sb = {0};
	const char *p = key;
	bool ok = true;
	while (*p && ok) {
		if (!is_ident_char((unsigned char)*p) || (*p >= '0' && *p <= '9')) {
			const char *q = p;
			while (*q && !(is_ident_char((unsigned char)*q) && !(*q >= '0' && *q <= '9')))
				q++;
			sb_add(&sb, p, (size_t)(q - p));
			p = q;
			continue;
		}
		const char *e = p;
		while (is_ident_char((unsigned char)*e))
			e++;
		size_t n = (size_t)(e - p);
		size_t i;
		for (i = 0; i < c->nparams && !(strlen(c->params[i]) == n && strncmp(c->params[i], p, n) == 0); i++)
			;
		bool field_name = p > key && (p[-1] == '>' || p[-1] == '.');	/* `a->hv` with a parameter hv */
		if (i < c->nparams && *e != '(' && !field_name)
			sb_printf(&sb, "$%zu", i);
		else if (*e != '(' && field_name)
			sb_add(&sb, p, n);	/* a field name */
		else {
			bool local = false;
			for (size_t k = 0; k < c->nlocals && !local; k++)
				local = strlen(c->locals[k]) == n && strncmp(c->locals[k], p, n) == 0;
			ok = !local || *e == '(';
			sb_add(&sb, p, n);
		}
		p = e;
	}
	const char *out = ok ? arena_strdup(a, sb_str(&sb)) : NULL;
	sb_release(&sb);
	return out;
}

static int effect_cmp(const void *a, const void *b)
{
	const struct sum_effect *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->delta - y->delta;
}

/* The one `T **outp` parameter of the function, or -1 (none, or several). */
static int sole_out_param(const struct cfg *c)
{
	uint32_t m = c->out_params;
	if (!m || (m & (m - 1)))
		return -1;
	int i = 0;
	while (!(m & 1u << i))
		i++;
	return i;
}

/* A lock held at a return on a local the caller cannot name, by a function that hands a
 * result out through its one `T **outp` (dmu_objset_hold: the pool hold stays with the
 * objset it returns in *osp): an opaque hold, `?$N`, that the caller's first release of
 * a lock named through what it passed there stands for.  Keys that are already opaque
 * (from a callee) are passed on the same way. */
static const char *opaque_key(struct arena *a, const struct cfg *c, const struct lockent *l, const char *ret)
{
	if (l->count <= 0)
		return NULL;
	if (l->key[0] == '?') {
		const char *inner = param_key(a, c, l->key + 1, ret);
		if (inner && inner[0] == '$')
			return arena_printf(a, "?%s", inner);
	} else if (!cfg_key_is_local(c, l->key)) {
		return NULL;
	}
	int out = sole_out_param(c);
	return out >= 0 ? arena_printf(a, "?$%d", out) : NULL;
}

/* The effects one exit state shows, sorted; returns how many. */
/* Whether the value returned (variable ret) is a pointer to the lock itself. */
static bool returns_the_lock(const struct cfg *c, const char *ret, const char *key)
{
	if (!ret || !is_identifier(ret))
		return false;
	const char *is = cfg_resolve_alias((struct cfg *)c, cfg_intern((struct cfg *)c, ret, strlen(ret)));
	return strcmp(is, key) == 0 || (is[0] == '&' && strcmp(is + 1, key) == 0);
}

static uint16_t exit_effects(struct arena *a, const struct analysis *res, const struct lstate *st, const char *ret,
			     bool imbalanced, struct sum_effect *out)
{
	const struct cfg *c = res->cfg;
	uint16_t n = 0;
	bool opaque = imbalanced;	/* a leak the function is reported for is not handed out */
	for (uint16_t i = 0; i < st->nlocks && n < SUMMARY_MAX_EFFECTS; i++) {
		const struct lockent *l = &st->locks[i];
		bool uncertain = l->count == 0 && (l->flags & LS_FORGOTTEN) && l->last && l->last->kind == EV_CALL;
		if ((l->count == 0 && !uncertain) || (l->count > 0 && analysis_handed_to_callback(res, l->key)))
			continue;	/* a lock a completion callback drops is not the caller's */
		const char *key = l->key[0] == '?' ? NULL : param_key(a, c, l->key, ret);
		if (!key && !opaque && (key = opaque_key(a, c, l, ret)) != NULL) {
			opaque = true;
			out[n++] = (struct sum_effect){.key = key, .delta = 1, .mode = LM_EXCLUSIVE, .flags = LP_NESTS,
						       .prim = l->last && (l->last->prim || l->last->key) ? arena_strdup(a, l->last->prim ? l->last->prim : l->last->key) : "",
						       .loc = l->last ? l->last->loc : c->loc};
			continue;
		}
		if (!key || (uncertain && !strchr(key, '$')))
			continue;	/* a doubt about the caller's objects only, not about a call's value */
		out[n++] = (struct sum_effect){
			.key = key, .delta = l->count, .mode = l->mode,
			.flags = (uint8_t)(((l->flags & LS_NESTS) ? LP_NESTS : 0) | ((l->flags & LS_ANY_MODE) ? LP_ANY_MODE : 0) |
					   ((l->flags & LS_BLOCKING) ? LP_BLOCKING : 0) |
					   (l->count > 0 && returns_the_lock(c, ret, l->key) ? LP_RETURNED : 0)),
			.prim = l->last && (l->last->prim || l->last->key) ? arena_strdup(a, l->last->prim ? l->last->prim : l->last->key) : "",
			.loc = l->last ? l->last->loc : c->loc,
			.owner = l->last && l->last->kind == EV_LOCK ? l->last->owner : 0,
		};
	}
	for (size_t i = 0; i < res->ndoubts && n < SUMMARY_MAX_EFFECTS; i++) {
		const char *key = param_key(a, c, res->doubts[i], ret);
		bool known = false;
		for (uint16_t k = 0; key && k < n; k++)
			known |= strcmp(out[k].key, key) == 0;
		if (key && !known && strchr(key, '$'))	/* a lock its callers may hold: unknown to them now */
			out[n++] = (struct sum_effect){.key = key, .delta = 0, .mode = LM_EXCLUSIVE, .prim = "", .loc = c->loc};
	}
	qsort(out, n, sizeof(*out), effect_cmp);
	return n;
}

static bool same_effects(const struct sum_case *c, const struct sum_effect *e, uint16_t n)
{
	if (c->neffects != n)
		return false;
	for (uint16_t i = 0; i < n; i++)
		if (strcmp(c->effects[i].key, e[i].key) || c->effects[i].delta != e[i].delta)
			return false;
	return true;
}

static void bits_text(struct strbuf *sb, uint8_t bits)
{
	static const char *const names[] = {"0", "neg", "pos", "errptr", "ptr"};
	if (bits == VB_ANY) {
		sb_puts(sb, "any");
		return;
	}
	for (int i = 0, first = 1; i < 5; i++)
		if (bits & (1 << i)) {
			sb_printf(sb, "%s%s", first ? "" : "|", names[i]);
			first = 0;
		}
}

static int case_cmp(const void *a, const void *b)
{
	const struct sum_case *x = a, *y = b;
	if (x->bits != y->bits)
		return x->bits < y->bits ? -1 : 1;
	return (int)x->neffects - (int)y->neffects;
}

static const char *summary_text(struct arena *a, const struct summary *s, bool doubts);

void summary_set_text(struct arena *a, struct summary *s)
{
	s->text = summary_text(a, s, true);
	s->sure_text = summary_text(a, s, false);
}

/* The one-line form; without doubts, a callee's maybe-drops (`key?`) are left out. */
static const char *summary_text(struct arena *a, const struct summary *s, bool doubts)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "%s%s%s%s:%s", s->is_static ? "static " : "", s->name,
		  s->ncases > 1 && !s->by_value && !s->is_macro && !s->cond_key ? " (cases overlap)" : "",
		  s->imbalanced ? " (imbalanced)" : "", s->noreturn ? " does not return" : "");
	for (uint16_t i = 0; i < s->ncases; i++) {
		sb_puts(&sb, i ? "; " : " ");
		if (s->is_macro && !s->cases[i].caller_returns) {
			sb_puts(&sb, "goes on");
		} else if (s->cond_written && s->cases[i].when == SUM_WHEN_EITHER) {
			sb_printf(&sb, "leaves %s", s->cond_key);
		} else if (s->cond_key) {
			sb_printf(&sb, s->cond_written ? "sets %s to %s" : "when %s is %s", s->cond_key,
				  s->cases[i].when == SUM_WHEN_EITHER ? "either" : s->cases[i].when ? "true" : "false");
		} else {
			sb_puts(&sb, s->is_macro ? "caller returns " : "returns ");
			if (s->cases[i].ret_var)
				sb_printf(&sb, "%s ", s->cases[i].ret_var);
			bits_text(&sb, s->cases[i].bits);
		}
		for (uint16_t k = 0; k < s->cases[i].neffects; k++) {
			const struct sum_effect *e = &s->cases[i].effects[k];
			if (e->delta == 0 && doubts)
				sb_printf(&sb, " %s?", e->key);	/* may or may not be dropped */
			else if (e->delta == 0)
				continue;
			else
				sb_printf(&sb, " %s%s%d%s%s", e->key, e->delta > 0 ? "+" : "", e->delta,
					  e->mode == LM_SHARED ? "(shared)" : "", e->flags & LP_RETURNED ? "(returned)" : "");
			if (e->owner)
				sb_printf(&sb, "@$%d", e->owner - 1);
		}
	}
	const char *text = arena_strdup(a, sb_str(&sb));
	sb_release(&sb);
	return text;
}

/* A function returning a pointer that hands back a computed pointer on some paths and
 * NULL or ERR_PTR(...) on the others: the computed one is taken to be a valid pointer, so
 * `if (!obj)` in the caller tells the ways apart (a lookup that returns its result locked). */
static void pointer_cases(const struct cfg *c, struct sum_case *cases, uint16_t n)
{
	if (!c->returns_pointer)
		return;
	for (uint16_t i = 0; i < n; i++) {
		if (cases[i].bits != VB_ANY)
			continue;
		bool others_fail = true;
		for (uint16_t k = 0; k < n; k++)
			if (k != i)
				others_fail &= !(cases[k].bits & ~(VB_ZERO | VB_ERRPTR));
		if (others_fail)
			cases[i].bits = VB_PTR;
		/* an object handed back with its lock held is not NULL */
		for (uint16_t k = 0; k < cases[i].neffects && cases[i].bits == VB_ANY; k++)
			if (cases[i].effects[k].delta > 0 && strncmp(cases[i].effects[k].key, "$r", 2) == 0)
				cases[i].bits = VB_ANY & ~VB_ZERO;
	}
}

/* Every effect of every case goes the same way (a lock helper or an unlock helper). */
static bool one_way(const struct sum_case *cases, uint16_t n)
{
	int sign = 0;
	for (uint16_t i = 0; i < n; i++)
		for (uint16_t k = 0; k < cases[i].neffects; k++) {
			int d = cases[i].effects[k].delta > 0 ? 1 : -1;
			if (sign && d != sign)
				return false;
			sign = d;
		}
	return true;
}

/* An annotated function's callers get what the annotation says, whatever the body does
 * (a body that breaks it is reported on its own). */
static struct summary *annotated_summary(struct arena *a, const struct cfg *c, const char *file)
{
	struct sum_effect eff[SUMMARY_MAX_EFFECTS], try_eff = {0};
	uint16_t n = 0, tried = 0;
	uint8_t taken = 0;
	for (size_t i = 0; i < c->nanns && n < SUMMARY_MAX_EFFECTS - 1; i++) {
		const struct cfg_annotation *an = &c->anns[i];
		const char *key = an->kind == ANN_MUST_HOLD || an->kind == ANN_NO_CHECK ? NULL : param_key(a, c, an->key, NULL);
		if (key && an->kind == ANN_TRY_ACQUIRES && !tried) {	/* only on the way that took it */
			try_eff = (struct sum_effect){key, 1, LM_EXCLUSIVE, LP_ANY_MODE, arena_strdup(a, an->name), an->loc, 0};
			tried = 1;
			taken = an->taken;
		} else if (key && an->kind != ANN_TRY_ACQUIRES) {
			eff[n++] = (struct sum_effect){key, (int8_t)(an->kind == ANN_ACQUIRES ? 1 : -1), LM_EXCLUSIVE,
						       LP_ANY_MODE, arena_strdup(a, an->name), an->loc, 0};
		}
	}
	if (!n && !tried)
		return NULL;
	struct summary *s = ARENA_NEW(a, struct summary);
	s->name = arena_strdup(a, c->name);
	s->file = arena_strdup(a, file);
	s->loc = c->loc;
	s->is_static = c->is_static;
	s->ncases = (uint16_t)(1 + tried);
	s->nreturns = s->ncases;
	s->cases = ARENA_ARRAY(a, struct sum_case, s->ncases);
	for (uint16_t k = 0; k < s->ncases; k++) {	/* a try: the way that took it, and the other */
		uint16_t m = (uint16_t)(n + (k == 0 && tried));
		struct sum_effect all[SUMMARY_MAX_EFFECTS];
		memcpy(all, eff, n * sizeof(*eff));
		if (m > n)
			all[n] = try_eff;
		qsort(all, m, sizeof(*all), effect_cmp);
		s->cases[k] = (struct sum_case){.bits = !tried ? VB_ANY : k == 0 ? taken : (uint8_t)(VB_ANY & ~taken),
						.neffects = m, .effects = arena_memdup(a, all, m * sizeof(*all)),
						.nreturns = 1, .first_return = c->loc};
	}
	s->by_value = true;
	s->nparams = c->nparams;
	s->params = ARENA_ARRAY(a, const char *, c->nparams ? c->nparams : 1);
	for (size_t i = 0; i < c->nparams; i++)
		s->params[i] = arena_strdup(a, c->params[i]);
	summary_set_text(a, s);
	return s;
}

/* Whether some effect comes from a callee taken as a lock by its name only, or from a
 * callee whose own summary rests on such a guess. */
static bool effects_guessed(const struct analysis *res, const struct sum_case *cases, uint16_t ncases)
{
	for (uint16_t i = 0; i < ncases; i++)
		for (uint16_t k = 0; k < cases[i].neffects; k++)
			for (size_t g = 0; g < res->nguessed + res->nguess_based; g++) {
				const char *name = g < res->nguessed ? res->guessed[g] : res->guess_based[g - res->nguessed];
				if (cases[i].effects[k].prim && strcmp(cases[i].effects[k].prim, name) == 0)
					return true;
			}
	return false;
}

/* Whether key tells apart the ways in g whose values overlap: each way has one value of
 * it, and two ways that overlap have different ones.  Sets val[] per way.  With untouched,
 * a way that leaves key as it was has the value SUM_WHEN_EITHER (the caller's). */
static bool separates(const struct analysis *res, const struct sum_case *cases, uint16_t ncases,
		      const uint16_t *case_of, const bool *g, const char *key, bool untouched, int *val)
{
	for (uint16_t i = 0; i < ncases; i++)
		val[i] = -1;
	for (size_t i = 0; i < res->nexits; i++) {
		uint16_t k = case_of[i];
		if (!g[k])
			continue;
		int v = lstate_truth(res->exits[i].state, key);
		if (v < 0 && untouched)
			v = SUM_WHEN_EITHER;
		if (v < 0 || (val[k] >= 0 && val[k] != v))
			return false;
		val[k] = v;
	}
	for (uint16_t i = 0; i < ncases; i++)
		for (uint16_t k = i + 1; k < ncases; k++)
			if (g[i] && g[k] && (cases[i].bits & cases[k].bits) && val[i] == val[k])
				return false;
	return true;
}

/* The k-th key a condition on the overlapping ways may use: what the first of them knows,
 * or (out) what the function stores through a parameter; NULL past the last. */
static const char *candidate_key(const struct cfg *c, const struct lstate *first, bool out, uint32_t *k)
{
	if (!out)
		return *k < (uint32_t)(first->nconds + first->nfacts) ? lstate_known_key(first, (uint16_t)(*k)++) : NULL;
	for (uint32_t n = 0, b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_ASSIGN && !e->by_address && e->flags && n++ == *k) {
				++*k;
				return e->key;
			}
		}
	return NULL;
}

/* Ways whose values overlap (a lookup returning its entry with one lock or two) told apart
 * by a parameter the caller passes as it is (`mode != RW_NONE`), or (out_only) by a
 * constant stored through a parameter for the caller to read (`*overflow = true`, or
 * `*locked = 0` on the way that dropped the caller's lock and nothing on the others): the
 * condition, with each of those ways' value of it; the other ways hold under either value
 * (or leave the stored value as it was).  NULL if none. */
static const char *cond_among_overlap(struct arena *a, const struct analysis *res, struct sum_case *cases,
				      uint16_t ncases, const uint16_t *case_of, bool out_only)
{
	bool g[SUMMARY_MAX_CASES] = {0}, any = false;
	for (uint16_t i = 0; i < ncases; i++)
		for (uint16_t k = i + 1; k < ncases; k++)
			if ((cases[i].bits & cases[k].bits) && !cases[i].caller_returns && !cases[k].caller_returns)
				any = g[i] = g[k] = true;
	const struct lstate *first = NULL;
	for (size_t i = 0; any && i < res->nexits && !first; i++)
		if (g[case_of[i]])
			first = res->exits[i].state;
	int val[SUMMARY_MAX_CASES];
	struct cfg *c = (struct cfg *)res->cfg;
	uint32_t k = 0;
	for (const char *key; first && (key = candidate_key(c, first, out_only, &k)) != NULL;) {
		const char *pk;
		if (!(out_only ? cfg_out_flag(c, key) : cfg_param_flag(c, cfg_resolve_aliases_in(c, key))) ||
		    !separates(res, cases, ncases, case_of, g, key, out_only, val) || !(pk = param_condition(a, c, key)))
			continue;
		for (uint16_t i = 0; i < ncases; i++)
			cases[i].when = g[i] ? (uint8_t)val[i] : SUM_WHEN_EITHER;
		return pk;
	}
	return NULL;
}

static uint32_t tested_params(const struct cfg *c)
{
	uint32_t m = 0;
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (size_t i = 0; c->blocks[b]->term == T_BRANCH && i < c->nparams && i < 32; i++)
			if (c->params[i][0] && c->blocks[b]->test.key && lstate_key_mentions(c->blocks[b]->test.key, c->params[i]))
				m |= 1u << i;
	return m;
}

struct summary *summary_of_annotations(struct arena *a, const struct cfg *c, const char *file)
{
	return c->nanns ? annotated_summary(a, c, file) : NULL;
}

/* A summary of c with what names the function filled in (name, place, parameters). */
static struct summary *summary_named(struct arena *a, const struct cfg *c, const char *file)
{
	struct summary *s = ARENA_NEW(a, struct summary);
	s->name = arena_strdup(a, c->name);
	s->file = arena_strdup(a, file);
	s->loc = c->loc;
	s->is_static = c->is_static;
	s->nparams = c->nparams;
	s->params = ARENA_ARRAY(a, const char *, c->nparams ? c->nparams : 1);
	for (size_t i = 0; i < c->nparams; i++)
		s->params[i] = arena_strdup(a, c->params[i]);
	return s;
}

/* A function none of whose paths returns (`fatal(d)` that ends in panic()): its callers'
 * paths end at the call, as at the primitive. */
static struct summary *noreturn_summary(struct arena *a, const struct cfg *c, const char *file)
{
	struct summary *s = summary_named(a, c, file);
	s->noreturn = true;
	s->cases = ARENA_ARRAY(a, struct sum_case, 1);
	summary_set_text(a, s);
	return s;
}

struct summary *summary_of(struct arena *a, const struct analysis *res, const char *file, bool imbalanced)
{
	const struct cfg *c = res->cfg;
	struct summary *declared = c->nanns ? annotated_summary(a, c, file) : NULL;
	if (declared)
		return declared;
	if (res->over_budget || c->too_deep || c->has_error)
		return NULL;
	if (!res->nexits)
		return c->is_macro || cfg_may_return(c) ? NULL : noreturn_summary(a, c, file);
	struct sum_case cases[SUMMARY_MAX_CASES];
	uint16_t ncases = 0;
	bool any_effect = false;
	/* An exit per state variant: a return statement counts once per case, and once overall. */
	uint16_t *case_of = xcalloc(res->nexits, sizeof(*case_of));
	uint16_t nstmts = 0;
	for (size_t i = 0; i < res->nexits; i++) {
		struct sum_effect eff[SUMMARY_MAX_EFFECTS];
		uint16_t n = exit_effects(a, res, res->exits[i].state, res->exits[i].blk->ret.var, imbalanced, eff);
		any_effect |= n > 0;
		/* In a macro, a `return` returns from the caller: such exits stay apart. */
		const struct retinfo *r = &res->exits[i].blk->ret;
		bool caller_returns = c->is_macro && !r->implicit;
		const char *var = caller_returns && r->var ? arena_strdup(a, r->var) : NULL;
		uint16_t k;
		for (k = 0; k < ncases; k++)
			if (same_effects(&cases[k], eff, n) && cases[k].caller_returns == caller_returns &&
			    (cases[k].ret_var == var || (var && cases[k].ret_var && strcmp(var, cases[k].ret_var) == 0)))
				break;
		if (k == ncases) {
			if (ncases == SUMMARY_MAX_CASES) {
				free(case_of);
				return NULL;
			}
			cases[ncases++] = (struct sum_case){
				.neffects = n, .effects = arena_memdup(a, eff, n * sizeof(*eff)),
				.first_return = r->loc, .caller_returns = caller_returns, .ret_var = var,
			};
		}
		cases[k].bits |= res->exits[i].bits;
		case_of[i] = k;
		bool seen_in_case = false, seen = false;
		for (size_t j = 0; j < i; j++)
			if (res->exits[j].blk == res->exits[i].blk) {
				seen = true;
				seen_in_case |= case_of[j] == k;
			}
		cases[k].nreturns += !seen_in_case;
		nstmts += !seen;
	}
	if (!any_effect) {
		free(case_of);
		return NULL;
	}
	/* A flag stored for the caller tells apart a NULL that comes with the lock from one
	 * that does not; without one, a NULL is taken as the failing way's. */
	const char *cond_key = c->is_macro ? NULL : cond_among_overlap(a, res, cases, ncases, case_of, true);
	bool cond_written = cond_key != NULL;
	if (!cond_key) {
		pointer_cases(c, cases, ncases);
		cond_key = c->is_macro ? NULL : cond_among_overlap(a, res, cases, ncases, case_of, false);
	}
	free(case_of);
	qsort(cases, ncases, sizeof(*cases), case_cmp);
	if (!cond_key && ncases == 2 && c->nblocks <= CFG_FLAG_HELPER_BLOCKS && one_way(cases, ncases) &&
	    !cases[0].caller_returns && !cases[1].caller_returns) {
		const char *lock = NULL;
		for (size_t i = 0; i < res->nexits && !lock; i++)
			for (uint16_t k = 0; k < res->exits[i].state->nlocks && !lock; k++)
				if (res->exits[i].state->locks[k].count)
					lock = res->exits[i].state->locks[k].key;
		bool held_when;
		const struct block *test = lock ? analysis_split_condition(res, lock, &held_when) : NULL;
		if (test && !cfg_helper_sized(c, test->test.key))
			test = NULL;
		/* Ways told apart by the value returned need no condition on what the callee
		 * looked up (0 with *lp locked, ENOENT when `leaf_find(blk)` found nothing). */
		if (test && strchr(cfg_resolve_aliases_in((struct cfg *)c, test->test.key), '(') && !(cases[0].bits & cases[1].bits) && !c->is_macro)
			test = NULL;
		if (test && (cond_key = param_condition(a, (struct cfg *)c, test->test.key)) != NULL) {
			/* The way that holds more of the lock is the one the test sends held_when. */
			int d0 = cases[0].neffects ? cases[0].effects[0].delta : 0;
			int d1 = cases[1].neffects ? cases[1].effects[0].delta : 0;
			cases[0].when = d0 > d1 ? held_when : !held_when;
			cases[1].when = !cases[0].when;
		}
	}
	struct summary *s = summary_named(a, c, file);
	s->ncases = ncases;
	s->nreturns = nstmts;
	s->cases = arena_memdup(a, cases, ncases * sizeof(*cases));
	s->is_macro = c->is_macro;
	s->imbalanced = imbalanced;
	s->guessed = effects_guessed(res, cases, ncases);
	s->cond_key = cond_key;
	s->cond_written = cond_written;
	s->tested_params = tested_params(c);
	s->by_value = !c->is_macro && !cond_key;
	if (cond_key)
		s->is_macro = false;	/* told apart by the condition, not by returning */
	for (uint16_t i = 0; i < ncases; i++)
		for (uint16_t k = i + 1; k < ncases; k++)
			s->by_value &= !(cases[i].bits & cases[k].bits);
	summary_set_text(a, s);
	return s;
}

/* --- the table ------------------------------------------------------------------------ */

/* Whether every effect is a callee's maybe (`key?`): callers that never hold the lock see
 * no change, and those that do are in the callee's file or meet it in a later round. */
static bool only_doubts(const struct summary *s)
{
	if (s->noreturn)
		return false;
	for (uint16_t i = 0; i < s->ncases; i++)
		for (uint16_t k = 0; k < s->cases[i].neffects; k++)
			if (s->cases[i].effects[k].delta != 0)
				return false;
	return true;
}

static struct sum_node **pair_place(const struct summary_table *t, const char *name, const char *file)
{
	struct sum_node **p = &t->slot[pair_slot(t, name, file)];
	while (*p && (strcmp((*p)->s->name, name) != 0 || strcmp((*p)->s->file, file) != 0))
		p = &(*p)->next;
	return p;
}

static void append_exported(struct summary_table *t, struct sum_node *n)
{
	struct sum_node **e = &t->exported[slot_of(t, n->s->name)];
	while (*e)
		e = &(*e)->next_exported;
	n->next_exported = NULL;
	*e = n;
}

/* Twice the chains when they grow long; a name's chain keeps its order (it moves whole). */
static void grow(struct summary_table *t)
{
	size_t old_cap = t->cap;
	struct sum_node **old_slot = t->slot, **old_exported = t->exported;
	t->cap *= 2;
	t->slot = xcalloc(t->cap, sizeof(*t->slot));
	t->exported = xcalloc(t->cap, sizeof(*t->exported));
	for (size_t i = 0; i < old_cap; i++) {
		for (struct sum_node *n = old_slot[i], *next; n; n = next) {
			next = n->next;
			struct sum_node **p = &t->slot[pair_slot(t, n->s->name, n->s->file)];
			n->next = *p;
			*p = n;
		}
		for (struct sum_node *n = old_exported[i], *next; n; n = next) {
			next = n->next_exported;
			append_exported(t, n);
		}
	}
	free(old_slot);
	free(old_exported);
}

bool summary_put(struct summary_table *t, struct summary *s)
{
	struct sum_node **p = pair_place(t, s->name, s->file);
	if (*p) {
		bool changed = strcmp((*p)->s->sure_text, s->sure_text) != 0;
		(*p)->s = s;
		return changed;
	}
	struct sum_node *n = ARENA_NEW(&t->arena, struct sum_node);
	n->s = s;
	*p = n;
	if (exported(s))
		append_exported(t, n);
	if (++t->count > 2 * t->cap)
		grow(t);
	return !only_doubts(s);
}

bool summary_drop(struct summary_table *t, const char *name, const char *file)
{
	struct sum_node **p = pair_place(t, name, file), *n = *p;
	if (!n)
		return false;
	bool doubts = only_doubts(n->s);
	*p = n->next;
	if (exported(n->s)) {
		struct sum_node **e = &t->exported[slot_of(t, name)];
		while (*e && *e != n)
			e = &(*e)->next_exported;
		if (*e)
			*e = n->next_exported;
	}
	t->count--;
	return !doubts;
}

const struct summary *summary_lookup(const struct summary_table *t, const char *name, const char *file)
{
	const struct summary *global = NULL, *header = NULL;
	const struct sum_node *own = *pair_place(t, name, file);
	if (own)
		return own->s;
	for (const struct sum_node *n = t->exported[slot_of(t, name)]; n; n = n->next_exported) {
		if (strcmp(n->s->name, name) != 0)
			continue;
		if (!n->s->is_static && !global)
			global = n->s;
		/* A static inline of a header is in every file that includes it (unless its
		 * effects rest on a name guess, which stays where it was made). */
		if (n->s->is_static && !header && !n->s->guessed && has_suffix(n->s->file, ".h"))
			header = n->s;
	}
	return global ? global : header;
}

/* --- binding at a call ---------------------------------------------------------------- */

/* A postfix expression (`a->b[i].c`, `ITOZSB(ip)`): `->f` binds to all of it as written. */
static bool plain_path(const char *s)
{
	const char *start = s;
	for (; *s; s++) {
		if (*s == '(' && s > start && is_ident_char((unsigned char)s[-1])) {	/* a call's arguments */
			int depth = 0;
			for (; *s; s++) {
				depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
				if (depth == 0)
					break;
			}
			if (!*s)
				return false;
			continue;
		}
		if (!is_ident_char((unsigned char)*s) && !strchr(">-.[]", *s))
			return false;
	}
	return true;
}

const char *summary_bind_key(struct cfg *c, const char *key, const struct event *call)
{
	struct strbuf sb = {0};
	const char *p = key;
	for (const char *dollar; (dollar = strchr(p, '$')) != NULL;) {
		char *end;
		const char *arg;
		bool addr = false;
		if (dollar[1] == 'r') {	/* the value the call hands back: where the caller keeps it */
			arg = call->result;
			end = (char *)dollar + 2;
		} else {
			unsigned long n = strtoul(dollar + 1, &end, 10);
			arg = n < call->nargs ? call->args[n] : NULL;
			addr = arg && (call->addr_args & (1u << n));
		}
		if (!arg) {
			sb_release(&sb);
			return NULL;
		}
		size_t pre = (size_t)(dollar - p);
		bool inner = addr && pre >= 2 && dollar[-1] == '*' && dollar[-2] == '(' && *end == ')';
		if (inner) {	/* (*$4)->lock with &l passed: l->lock */
			pre -= 2;
			end++;
		} else if (addr && pre && dollar[-1] == '*' &&
			   (dollar - 1 == key || !is_ident_char((unsigned char)dollar[-2]))) {
			pre--;	/* *$2 with &dp passed: dp itself */
		}
		sb_add(&sb, p, pre);
		if (pre < (size_t)(dollar - p)) {
			sb_puts(&sb, arg);
		} else if (addr && strncmp(end, "->", 2) == 0) {	/* f(&obj) with $0->lock: obj.lock */
			sb_puts(&sb, arg);
			sb_putc(&sb, '.');
			end += 2;
		} else if (!plain_path(arg) && (*end == '-' || *end == '.')) {
			sb_printf(&sb, "(%s)", arg);
		} else {
			sb_puts(&sb, arg);
		}
		p = end;
	}
	sb_puts(&sb, p);	/* no $ at all: a global, or a macro's name for a caller's variable */
	const char *bound = cfg_resolve_alias(c, cfg_intern(c, sb_str(&sb), sb.len));
	sb_release(&sb);
	return bound;
}

void summary_dump(const struct summary *s, FILE *out)
{
	fprintf(out, "%s:%u: %s\n", s->file, s->loc.line, s->text);
}

static int summary_cmp(const void *a, const void *b)
{
	const struct summary *x = *(const struct summary *const *)a, *y = *(const struct summary *const *)b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	return x->loc.line < y->loc.line ? -1 : x->loc.line > y->loc.line;
}

void summary_each(const struct summary_table *t, void (*fn)(void *ctx, const struct summary *s), void *ctx)
{
	for (size_t i = 0; i < t->cap; i++)
		for (const struct sum_node *node = t->slot[i]; node; node = node->next)
			fn(ctx, node->s);
}

void summary_dump_all(const struct summary_table *t, FILE *out)
{
	const struct summary **all = xcalloc(t->count ? t->count : 1, sizeof(*all));
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		for (const struct sum_node *node = t->slot[i]; node && n < t->count; node = node->next)
			all[n++] = node->s;
	qsort(all, n, sizeof(*all), summary_cmp);
	for (size_t i = 0; i < n; i++)
		summary_dump(all[i], out);
	free(all);
}

const char *summary_key_text(struct arena *a, const struct summary *s, const char *key)
{
	const char *dollar = strchr(key, '$');
	if (!dollar)
		return key;
	char *end;
	unsigned long n = strtoul(dollar + 1, &end, 10);
	if (n >= s->nparams || !s->params[n][0])
		return key;
	return arena_printf(a, "%.*s%s%s", (int)(dollar - key), key, s->params[n], end);
}

static size_t index_slot(const struct sum_index *x, const char *name)
{
	size_t i = (size_t)hash_bytes(name, strlen(name), 0) & (x->cap - 1);
	while (x->names[i] && strcmp(x->names[i], name) != 0)
		i = (i + 1) & (x->cap - 1);
	return i;
}

void sum_index_put(struct sum_index *x, const char *name, uint32_t at)
{
	if (2 * (x->n + 1) > x->cap) {	/* keep the load at most 1/2 */
		struct sum_index old = *x;
		x->cap = old.cap ? 2 * old.cap : 64;
		x->names = xcalloc(x->cap, sizeof(*x->names));
		x->at = xcalloc(x->cap, sizeof(*x->at));
		x->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.names[i])
				sum_index_put(x, old.names[i], old.at[i]);
		free(old.names);
		free(old.at);
	}
	size_t i = index_slot(x, name);
	x->n += x->names[i] == NULL;
	x->names[i] = name;
	x->at[i] = at;
}

uint32_t sum_index_get(const struct sum_index *x, const char *name)
{
	if (!x->cap)
		return UINT32_MAX;
	size_t i = index_slot(x, name);
	return x->names[i] ? x->at[i] : UINT32_MAX;
}

void sum_index_clear(struct sum_index *x)
{
	if (x->cap)
		memset(x->names, 0, x->cap * sizeof(*x->names));
	x->n = 0;
}

void sum_index_release(struct sum_index *x)
{
	free(x->names);
	free(x->at);
	memset(x, 0, sizeof(*x));
}

const struct summary *summary_view_lookup(const struct summary_view *v, const char *name, const char *file)
{
	if (v->index) {
		uint32_t at = sum_index_get(v->index, name);
		if (at < v->nlocal)
			return v->local[at];
	} else {
		for (size_t i = v->nlocal; i-- > 0;)
			if (strcmp(v->local[i]->name, name) == 0)
				return v->local[i];
	}
	return v->global ? summary_lookup(v->global, name, file) : NULL;
}

bool summary_view_defined(const struct summary_view *v, const char *name)
{
	return v->global && summary_defined(v->global, name);
}

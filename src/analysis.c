#include "engine.h"

#include <stdlib.h>
#include <string.h>

static int use_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct key_use *)a)->key, y = (uintptr_t)((const struct key_use *)b)->key;
	return x < y ? -1 : x > y;
}

static const char *ordering(struct engine *en, const char *test, bool *says, const char **small, const char **big);

/* Whether block target can be reached from block from (from itself counts once it is
 * left: a path of one step or more). */
static bool reaches(struct engine *en, const struct cfg *cfg, uint32_t from, uint32_t target)
{
	uint8_t *seen = arena_alloc(en->a, cfg->nblocks ? cfg->nblocks : 1);
	memset(seen, 0, cfg->nblocks);
	VEC(uint32_t) todo = {0};
	VEC_PUSH(&todo, from);
	bool found = false;
	while (todo.n && !found) {
		uint32_t x = todo.v[--todo.n];
		if (x >= cfg->nblocks || seen[x])
			continue;
		seen[x] = 1;
		found = x == target;
		for (uint32_t k = 0; k < cfg->blocks[x]->nsucc; k++)
			VEC_PUSH(&todo, cfg->blocks[x]->succ[k]);
	}
	VEC_FREE(&todo);
	return found;
}

/* Whether block b lies on a cycle (a loop's own test, or inside a loop body). */
static bool on_cycle(struct engine *en, const struct cfg *cfg, uint32_t b)
{
	for (uint32_t k = 0; k < cfg->blocks[b]->nsucc; k++)
		if (reaches(en, cfg, cfg->blocks[b]->succ[k], b))
			return true;
	return false;
}

/* Whether branch b decides whether a loop goes on: one way comes back to it, another
 * never does (`while (more(q))`), unlike a test inside the body that both ways rejoin. */
static bool decides_loop(struct engine *en, const struct cfg *cfg, uint32_t b)
{
	bool back = false, out = false;
	for (uint32_t k = 0; k < cfg->blocks[b]->nsucc; k++) {
		if (reaches(en, cfg, cfg->blocks[b]->succ[k], b))
			back = true;
		else
			out = true;
	}
	return back && out;
}

static bool equal_names(struct engine *en, const char *test, bool side, const char **from, const char **to);

typedef VEC(struct key_use) use_vec;

/* Reads block b's test once: as an equality of names, and as an ordering (whose counter
 * then counts as used, when the test is outside any loop). */
static void read_test(struct engine *en, const struct cfg *cfg, const struct block *b, struct block_test *bt, use_vec *v)
{
	for (int side = 0; side < 2 && !bt->from && b->test.kind == TEST_TRUTH; side++) {
		const char *from, *to;
		if (equal_names(en, b->test.key, side, &from, &to)) {
			bt->from = from;
			bt->to = to;
			bt->equal_when = side;
		}
	}
	bt->order = ordering(en, b->test.key, &bt->says, &bt->small, &bt->big);
	if (bt->order && !on_cycle(en, cfg, b->id)) {
		VEC_PUSH(v, ((struct key_use){.key = bt->small, .tests = 1}));	/* a counter's zero decides it */
		VEC_PUSH(&en->counted, b->id);
	}
}

/* Whether a way out of branch b starts with a lock taken or dropped. */
static bool guards_lock(const struct engine *en, const struct cfg *cfg, const struct block *b)
{
	for (uint32_t k = 0; k < b->nsucc; k++) {
		const struct block *s = cfg->blocks[b->succ[k]];
		for (uint32_t i = 0; i < s->nevents; i++)
			if (s->events[i].kind == EV_LOCK ||
			    (s->events[i].kind == EV_CALL && en->sums && summary_view_lookup(en->sums, s->events[i].key, en->file)))
				return true;
	}
	return false;
}

static void count_uses(struct engine *en, const struct cfg *cfg)
{
	use_vec v = {0};
	en->tests = ARENA_ARRAY(en->a, struct block_test, cfg->nblocks ? cfg->nblocks : 1);
	memset(en->tests, 0, (cfg->nblocks ? cfg->nblocks : 1) * sizeof(*en->tests));
	for (uint32_t i = 0; i < cfg->nblocks; i++) {
		const struct block *b = cfg->blocks[i];
		struct block_test *bt = &en->tests[i];
		if (b->term == T_BRANCH && b->test.key)
			VEC_PUSH(&v, ((struct key_use){.key = b->test.key, .tests = 1,
				.looped = strchr(b->test.key, '(') && decides_loop(en, cfg, i),
				.guards_lock = strchr(b->test.key, '(') && guards_lock(en, cfg, b)}));
		if (b->term == T_BRANCH && b->test.key)
			read_test(en, cfg, b, bt, &v);
		if (b->term == T_RETURN && b->ret.var)
			VEC_PUSH(&v, ((struct key_use){.key = b->ret.var, .returned = true}));
		/* a constant stored through a parameter (`*overflow = true`) is handed back too */
		for (uint32_t k = 0; k < b->nevents; k++)
			if (b->events[k].kind == EV_ASSIGN && b->events[k].flags && !b->events[k].by_address &&
			    cfg_stored_through(cfg, b->events[k].key) >= 0)
				VEC_PUSH(&v, ((struct key_use){.key = b->events[k].key, .stored_out = true}));
	}
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), use_cmp);
	size_t k = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (k && v.v[k - 1].key == v.v[i].key) {
			v.v[k - 1].tests += v.v[i].tests;
			v.v[k - 1].returned |= v.v[i].returned;
			v.v[k - 1].stored_out |= v.v[i].stored_out;
			v.v[k - 1].looped |= v.v[i].looped;
			v.v[k - 1].guards_lock |= v.v[i].guards_lock;
		} else {
			v.v[k++] = v.v[i];
		}
	}
	en->drains = cfg_drain_loops(cfg);
	en->uses = arena_memdup(en->a, v.v, k * sizeof(*v.v));
	en->nuses = k;
	VEC(const char *) st = {0};
	for (size_t i = 0; i < k; i++)
		if (strchr(v.v[i].key, '(') && v.v[i].tests > 1 && !v.v[i].looped && v.v[i].guards_lock)
			VEC_PUSH(&st, v.v[i].key);
	en->stable = st.n ? arena_memdup(en->a, st.v, st.n * sizeof(*st.v)) : NULL;
	en->nstable = st.n;
	VEC_FREE(&st);
	VEC_FREE(&v);
}

static const struct key_use *use_of(const struct engine *en, const char *key)
{
	struct key_use probe = {.key = key};
	return en->nuses ? bsearch(&probe, en->uses, en->nuses, sizeof(*en->uses), use_cmp) : NULL;
}

/* A fact set by an event (a try's result, a literal assigned) matters if anything reads it. */
bool engine_worth_keeping(const struct engine *en, const char *key)
{
	const struct key_use *u = use_of(en, key);
	return u && (u->tests || u->returned || u->stored_out);
}

/* A call the function tests twice or more, never as a loop's own test, with nothing
 * known to it, to decide whether to take or drop a lock (`if (is_multiplexed(name))
 * lock(); ... if (is_multiplexed(name)) unlock();`): the code relies on its answer staying
 * the same, and the second test follows the first, unless something the call reads is
 * written in between.  (A test asked again under a lock, to see whether the state
 * changed, decides a return, not a lock.) */
static bool stable_test(const struct engine *en, const char *key)
{
	for (size_t i = 0; i < en->nstable; i++)
		if (en->stable[i] == key)
			return true;
	return false;
}

/* A branch's own outcome matters only to a second test of the same condition, to a return
 * of the variable, or to IS_ERR(x) deciding what `return x` hands back. */
static bool branch_worth_keeping(const struct engine *en, const char *key)
{
	const struct key_use *u = use_of(en, key);
	return (u && (u->tests > 1 || u->returned)) || strncmp(key, "IS_ERR(", 7) == 0;
}

/* Whether key mentions a variable the function writes (an index, a cursor): such a key
 * names a different lock over time, so its first release says nothing about the entry. */
static bool names_moving_target(const struct engine *en, const char *key)
{
	for (size_t i = 0; i < en->nwritten; i++)
		if (lstate_key_mentions(key, en->written[i]))
			return true;
	return false;
}

/* A named constant that is not an errno or a boolean (DLT_PARENT, RW_READER). */
static bool kind_name(const char *s)
{
	bool underscore = false;
	for (const char *p = s; *p; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
		underscore |= *p == '_';
	}
	return underscore && bool_name_value(s, strlen(s)) < 0;
}

static void collect_sentinels(struct engine *en, struct cfg *cfg)
{
	VEC(struct sentinel) v = {0};
	for (uint32_t b = 0; b < cfg->nblocks; b++)
		for (uint32_t i = 0; i < cfg->blocks[b]->nevents; i++) {
			const struct event *e = &cfg->blocks[b]->events[i];
			if (e->kind != EV_ASSIGN || !e->text)
				continue;
			char *t = arena_printf(en->a, "%s==%s", e->key, e->text);
			const char *test = cfg_intern(cfg, t, strlen(t));
			const struct key_use *u = use_of(en, e->key);
			bool kind = u && u->returned && kind_name(e->text);
			if (!use_of(en, test) && !kind)
				continue;	/* nothing compares the variable with it */
			size_t k;
			for (k = 0; k < v.n && v.v[k].test != test; k++)
				;
			if (k == v.n)
				VEC_PUSH(&v, ((struct sentinel){e->key, e->text, test, kind}));
		}
	for (size_t i = 0; i < v.n; i++) {	/* a kind is one of several */
		size_t others = 0;
		for (size_t k = 0; k < v.n; k++)
			others += k != i && v.v[k].kind && v.v[k].var == v.v[i].var;
		v.v[i].kind &= others > 0;
	}
	en->sentinels = arena_memdup(en->a, v.v, v.n * sizeof(*v.v));
	en->nsentinels = v.n;
	VEC_FREE(&v);
}

static void collect_written(struct engine *en, const struct cfg *cfg)
{
	VEC(const char *) w = {0};
	for (uint32_t b = 0; b < cfg->nblocks; b++)
		for (uint32_t i = 0; i < cfg->blocks[b]->nevents; i++) {
			const struct event *e = &cfg->blocks[b]->events[i];
			const char *v = e->kind == EV_ASSIGN && !e->by_address ? e->key : e->result;
			size_t k;
			for (k = 0; v && k < w.n && w.v[k] != v; k++)
				;
			if (v && k == w.n)
				VEC_PUSH(&w, v);
			if (e->kind == EV_ASSIGN && !e->by_address && e->prim && (strstr(e->key, "->") || strchr(e->key, '.')))
				VEC_PUSH(&en->stores, ((struct field_store){e->key, e->prim}));
		}
	en->written = arena_memdup(en->a, w.v, w.n * sizeof(*w.v));
	en->nwritten = w.n;
	VEC_FREE(&w);
}

static void note_key(void *vec, const char *key)
{
	VEC(const char *) *v = vec;
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i] == key)
			return;
	VEC_PUSH(v, key);
}

void engine_issue(struct engine *en, enum event_finding k, const struct event *at,
		  const struct event *prev, const struct lstate *s)
{
	if (at->inherited || (prev && prev->inherited))
		return;	/* one way of a callee that is reported itself: not this caller's doing */
	for (size_t i = 0; i < en->issues.n; i++)	/* loops revisit events: once each */
		if (en->issues.v[i].at == at && en->issues.v[i].kind == k)
			return;
	VEC_PUSH(&en->issues, ((struct event_issue){(uint8_t)k, at, prev, s}));
}

static void add_state(struct engine *en, uint32_t b, const struct lstate *s)
{
	struct blockstates *bs = &en->in[b];
	if (bs->n == ANALYSIS_MAX_STATES_PER_BLOCK) {
		en->over_budget = true;
		return;
	}
	const struct lstate **v = ARENA_ARRAY(en->a, const struct lstate *, bs->n + 1);
	if (bs->n)
		memcpy(v, bs->v, bs->n * sizeof(*v));
	v[bs->n++] = s;
	bs->v = v;
	VEC_PUSH(&en->work, ((struct work){b, s}));
}

/* Adds s to the states of block b; queues it unless nothing new arrived.  A few states
 * with the same locks but different facts stay apart (they decide later tests); past that
 * they are joined into the first, which only loses facts, so loops terminate. */

/* Over the fact-variant budget, s joins the variant with the same locks whose facts are
 * closest to its own: the join loses the fewest correlations (the flag that decided a lock
 * keeps its value).  (Measured on OpenZFS: also charging for facts they disagree on did
 * worse than taking the first variant.) */
static void propagate(struct engine *en, uint32_t b, const struct lstate *s)
{
	struct blockstates *bs = &en->in[b];
	uint32_t same = 0, best = UINT32_MAX, alike[ANALYSIS_MAX_STATES_PER_BLOCK];
	for (uint32_t i = 0; i < bs->n; i++) {
		if (!lstate_same_locks(bs->v[i], s))
			continue;
		if (lstate_same_facts(bs->v[i], s))
			return;
		alike[same++] = i;
	}
	if (same < ANALYSIS_FACT_VARIANTS) {
		add_state(en, b, s);
		return;
	}
	int best_score = INT32_MIN;
	for (uint32_t k = 0; k < same; k++) {
		int score = lstate_facts_shared(bs->v[alike[k]], s);
		if (score > best_score) {
			best_score = score;
			best = alike[k];
		}
	}
	uint32_t first = best;
	struct lstate *j = lstate_join(en->a, bs->v[first], s);
	if (!j)
		return;
	bs->v[first] = j;
	VEC_PUSH(&en->work, ((struct work){b, j}));
}

static bool modes_clash(const struct lockent *l, const struct event *e)
{
	return l->mode != e->mode && !(l->flags & LS_ANY_MODE) && !(e->flags & LP_ANY_MODE);
}

static int8_t clamp(int c)
{
	return (int8_t)(c < LOCK_COUNT_MIN ? LOCK_COUNT_MIN : c > LOCK_COUNT_MAX ? LOCK_COUNT_MAX : c);
}

/* acquire: "double acquire" when a non-nesting lock is already held on this path. */
void engine_acquire(struct engine *en, struct lstate *s, const struct lstate *before, const struct event *e, bool report)
{
	note_key(&en->taken, e->key);
	struct lockent *l = lstate_lock_mut(en->a, s, e->key);
	if (e->flags & LP_NESTS)
		l->flags |= LS_NESTS;
	if (e->flags & LP_ANY_MODE)
		l->flags |= LS_ANY_MODE;
	if (e->flags & LP_BLOCKING)
		l->flags |= LS_BLOCKING;
	bool held = l->count >= 1 || (l->count == 0 && (l->flags & LS_ENTRY));	/* re-taken after a drop */
	if (held && !(l->flags & LS_NESTS)) {
		if (report)
			engine_issue(en, EF_DOUBLE_ACQUIRE, e, l->last, before);
		return;
	}
	if (l->count < 0 && report && modes_clash(l, e))
		engine_issue(en, EF_MODE_MISMATCH, e, l->last, before);
	if (l->count == 0 && !l->last)
		l->flags |= LS_ACQ_FIRST;
	l->flags &= (uint16_t)~(LS_TRY_FAILED | LS_FORGOTTEN | LS_HANDED);
	if (l->count <= 0)
		l->mode = e->mode;
	l->count = clamp(l->count + 1);
	l->last = e;
}

/* release: the first event on a lock being a release means "held on entry"; a release
 * after the path already let go of it is a double release. */
/* A release of a lock not known to be held, named through what an earlier call handed a
 * lock out through (`?os` after dmu_objset_hold(name, tag, &os)): that is the lock. */
bool engine_consume_opaque(struct engine *en, struct lstate *s, const char *key)
{
	for (uint16_t i = 0; i < s->nlocks; i++) {
		const struct lockent *o = &s->locks[i];
		if (o->key[0] == '?' && o->count > 0 && o->key != key && lstate_key_mentions(key, o->key + 1)) {
			struct lockent *m = lstate_lock_mut(en->a, s, o->key);
			m->count--;
			return true;
		}
	}
	return false;
}

static int loc_before(struct loc a, struct loc b);

/* Whether the variable key hangs from is assigned a field of another object somewhere. */
static bool loaded_var(const struct cfg *c, const char *key)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (uint32_t b = 0; n && b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_ASSIGN && e->loaded && strlen(e->key) == n && strncmp(e->key, root, n) == 0)
				return true;
		}
	return false;
}

/* A lock released through a cursor (`bpo = bpi->bpi_bpo` off a work stack) names an object
 * the path cannot tell: it is one of the locks of that field the path holds, taken when
 * the object was pushed.  The latest taken goes first. */
static void consume_same_field(struct engine *en, struct lstate *s, const char *key)
{
	const char *tail;
	size_t n = cfg_key_tail(key, &tail), steps = 0;
	for (const char *p = key; p < tail; p++)
		steps += *p == '.' || (*p == '-' && p[1] == '>');
	if (!n || *tail == '{' || (steps < 2 && !loaded_var(en->cfg, key)))
		return;	/* `tab[i].lock`, `e->lock`: an index or a cursor itself, not an object loaded off one */
	struct lockent *pick = NULL;
	for (uint16_t i = 0; i < s->nlocks; i++) {
		struct lockent *l = &s->locks[i];
		const char *t;
		if (l->key == key || l->count <= 0 || !l->last || cfg_key_tail(l->key, &t) != n || strncmp(t, tail, n) != 0)
			continue;
		if (!pick || loc_before(pick->last->loc, l->last->loc))
			pick = l;
	}
	if (pick)
		pick->count--;
}

/* Whether [s, s + n) is a variable's name (not a constant, a call or a field). */
static bool plain_variable(const char *s, size_t n)
{
	bool lower = false;
	for (size_t i = 0; i < n; i++) {
		if (!is_ident_char((unsigned char)s[i]))
			return false;
		lower |= s[i] >= 'a' && s[i] <= 'z';
	}
	return n && lower && !(s[0] >= '0' && s[0] <= '9');
}

/* Whether a test (`a==b` true, `a!=b` false) says that a local equals something else
 * on this side: *from is the local, *to what it equals. */
static bool equal_names(struct engine *en, const char *test, bool side, const char **from, const char **to)
{
	const char *op = strstr(test, "==");
	bool eq = op != NULL;
	if (!op)
		op = strstr(test, "!=");
	if (!op || eq != side || strstr(op + 2, "==") || strstr(op + 2, "!="))
		return false;
	size_t ln = (size_t)(op - test), rn = strlen(op + 2);
	if (!plain_variable(test, ln) || !plain_variable(op + 2, rn))
		return false;
	const char *lhs = cfg_intern(en->mcfg, test, ln), *rhs = cfg_intern(en->mcfg, op + 2, rn);
	bool llocal = cfg_key_is_local(en->cfg, lhs), rlocal = cfg_key_is_local(en->cfg, rhs);
	*from = llocal ? lhs : rhs;
	*to = llocal ? rhs : lhs;
	return llocal != rlocal;
}

/* key with its root `from` written `to` (`pp->mtx` -> `pr->mtx`), or NULL. */
static const char *renamed_root(struct engine *en, const char *key, const char *from, const char *to)
{
	const char *root;
	size_t fn = strlen(from);
	if (cfg_key_root(key, &root) != fn || strncmp(root, from, fn) != 0)
		return NULL;
	const char *renamed = arena_printf(en->a, "%.*s%s%s", (int)(root - key), key, to, root + fn);
	return cfg_intern(en->mcfg, renamed, strlen(renamed));
}

/* On the edge where a local equals something else, a lock named through the local is the
 * lock named through the other: `zjp = find(pr, &ppr); if (ppr == pr) goto done;` holds
 * pr's lock at done. */
static void rename_equal(struct engine *en, struct lstate *n, const struct block *b, bool side)
{
	const struct block_test *bt = &en->tests[b->id];
	const char *from = bt->from, *to = bt->to, *renamed;
	if (!from || bt->equal_when != side)
		return;
	for (uint16_t i = 0; i < n->nlocks; i++)
		if (n->locks[i].count != 0 && (renamed = renamed_root(en, n->locks[i].key, from, to)) != NULL &&
		    lstate_rekey(en->a, n, n->locks[i].key, renamed))
			i = (uint16_t)-1;	/* the entries moved: start over (each rename removes a `from` key) */
}

/* A held lock that key names through a field the function stored a pointer in: with
 * `dl->dl_dzp = dzp` anywhere in the function, `dl->dl_dzp->z_name_lock` is
 * `dzp->z_name_lock` when that one is held (an object found in a list that the
 * function's own stores fill keeps the same back pointer).  NULL if none. */
const char *engine_held_through_handle(struct engine *en, const struct lstate *s, const char *key)
{
	for (uint16_t i = 0; i < s->nlocks; i++) {
		const struct lockent *l = &s->locks[i];
		if (l->count > 0 && l->last && (l->last->flags & LP_RETURNED) && l->last->result &&
		    (strcmp(l->last->result, key) == 0 || strcmp(cfg_resolve_alias(en->mcfg, l->last->result), key) == 0))
			return l->key;
	}
	return NULL;
}

const char *engine_held_through_store(struct engine *en, const struct lstate *s, const char *key)
{
	for (size_t i = 0; i < en->stores.n; i++) {
		const char *f = en->stores.v[i].field;
		size_t fn = strlen(f);
		if (strncmp(key, f, fn) != 0 || !((key[fn] == '-' && key[fn + 1] == '>') || key[fn] == '.'))
			continue;
		const char *name = arena_printf(en->a, "%s%s", en->stores.v[i].value, key + fn);
		const struct lockent *l = lstate_lock(s, cfg_intern(en->mcfg, name, strlen(name)));
		if (l && l->count > 0)
			return l->key;
	}
	return NULL;
}

/* `inode = page->inode;` (or `prevlock = lock;`) while a lock through page->inode (or
 * lock itself) is held: the path knows the two names are one object (the fact
 * `inode==page->inode`), until either is written. */
static void note_copy(struct engine *en, struct lstate *n, const struct event *e)
{
	size_t len = strlen(e->copy_of);
	for (uint16_t i = 0; i < n->nlocks; i++) {
		const char *k = n->locks[i].key;
		if (n->locks[i].count > 0 && strncmp(k, e->copy_of, len) == 0 &&
		    (!k[len] || strncmp(k + len, "->", 2) == 0 || k[len] == '.')) {
			const char *eq = arena_printf(en->a, "%s==%s", e->key, e->copy_of);
			lstate_set_fact(en->a, n, cfg_intern(en->mcfg, eq, strlen(eq)), VB_POS);
			return;
		}
	}
}

const char *engine_held_through_copy(struct engine *en, const struct lstate *s, const char *key)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (uint16_t i = 0; n && i < s->nfacts; i++) {
		const char *f = s->facts[i].key, *eq = strstr(f, "==");
		if (!eq || (size_t)(eq - f) != n || strncmp(f, root, n) != 0 || (s->facts[i].bits & VB_ZERO))
			continue;
		const char *to = arena_strndup(en->a, eq + 2, strlen(eq + 2));
		const char *from = arena_strndup(en->a, f, n);
		const char *renamed = renamed_root(en, key, from, to);
		const struct lockent *l = renamed ? lstate_lock(s, renamed) : NULL;
		if (l && l->count > 0)
			return renamed;
	}
	return NULL;
}

/* A release named through a local that the path knows equals another name of a held
 * lock (the branch above renamed it): that lock. */
static const char *held_under_other_name(struct engine *en, const struct lstate *s, const char *key)
{
	const struct lockent *l = lstate_lock(s, key);
	if (l && l->count > 0)
		return key;
	for (uint16_t k = 0; k < s->nconds; k++) {
		const struct block_test *bt = &en->tests[s->conds[k].blk->id];
		const char *renamed;
		if (bt->from && bt->equal_when == s->conds[k].value &&
		    (renamed = renamed_root(en, key, bt->from, bt->to)) != NULL && (l = lstate_lock(s, renamed)) != NULL &&
		    l->count > 0)
			return renamed;
	}
	const char *stored = engine_held_through_store(en, s, key);
	if (!stored)
		stored = engine_held_through_handle(en, s, key);
	if (!stored)
		stored = engine_held_through_copy(en, s, key);
	return stored ? stored : key;
}

/* Whether key hangs from a parameter (`l->l_rwlock` for the parameter l). */
static bool rooted_at_param(const struct cfg *c, const char *key)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (size_t i = 0; n && i < c->nparams; i++)
		if (strlen(c->params[i]) == n && strncmp(c->params[i], root, n) == 0)
			return true;
	return false;
}

void engine_release(struct engine *en, struct lstate *s, const struct lstate *before, const struct event *e)
{
	note_key(&en->dropped, e->key);
	const char *key = held_under_other_name(en, s, e->key);
	struct lockent *l = lstate_lock_mut(en->a, s, key);
	if (e->flags & LP_ANY_MODE)
		l->flags |= LS_ANY_MODE;
	if (l->count > 0) {
		if (modes_clash(l, e) && !(l->flags & LS_NESTS))
			engine_issue(en, EF_MODE_MISMATCH, e, l->last, before);
		l->count = clamp(l->count - 1);
		l->last = e;
		return;
	}
	if (l->flags & LS_TRY_FAILED) {
		/* A try that fails only on misuse (a default pthread mutex): code that goes on
		 * past its failure, logging it or handing it to a macro that jumps away, does
		 * not mean to take that way. */
		if (!l->last || !(l->last->flags & LP_BLOCKING))
			engine_issue(en, EF_RELEASE_AFTER_FAILED_TRY, e, l->last, before);
		return;
	}
	if (l->flags & LS_FORGOTTEN)
		return;	/* which lock this is, the path no longer knows */
	if (engine_consume_opaque(en, s, key)) {
		lstate_lock_mut(en->a, s, key)->last = e;	/* a second release is a double one */
		return;
	}
	if (l->count == 0 && (l->flags & LS_ENTRY)) {	/* held on entry, dropped, re-taken: dropped again */
		l->count = -1;
		l->last = e;
		return;
	}
	if (l->last || l->count < 0) {
		engine_issue(en, EF_DOUBLE_RELEASE, e, l->last, before);
		return;
	}
	if (names_moving_target(en, key)) {
		consume_same_field(en, s, key);
		if (rooted_at_param(en->cfg, key))	/* `zap_put_leaf(l); l = NULL;` on a parameter */
			note_key(&en->doubts, key);	/* maybe the caller's: a doubt its callers share */
		return;	/* `tab[i]` with i written somewhere: not a lock held on entry */
	}
	l->count = -1;
	l->mode = e->mode;
	l->flags |= LS_ENTRY;
	l->last = e;
}

/* The key call x's summary binds effect number k of some way to, with the sign of
 * the effect wanted (+1 takes, -1 drops): each in turn, NULL when there are no more. */
static const char *call_effect_key(const struct engine *en, const struct event *x, int sign, size_t k,
				   const struct sum_effect **which)
{
	const struct summary *sum = x->kind == EV_CALL && en->sums ? summary_view_lookup(en->sums, x->key, en->file) : NULL;
	for (uint16_t c = 0; sum && c < sum->ncases; c++)
		for (uint16_t i = 0; i < sum->cases[c].neffects; i++) {
			const struct sum_effect *eff = &sum->cases[c].effects[i];
			if ((eff->delta > 0) != (sign > 0) || eff->delta == 0 || k-- > 0)
				continue;
			*which = eff;
			const char *bound = summary_bind_key(en->mcfg, eff->key, x);
			return bound ? bound : "";
		}
	return NULL;
}

/* Whether call x drops key: its summary drops it, or drops the pointer a call in the same
 * span handed back to it (bucket_trylock_unlock(hold) after hold = bucket_trylock(i)). */
static bool call_releases(const struct engine *en, const struct event *x, const char *key, uint32_t from, uint32_t to)
{
	const struct sum_effect *eff;
	const char *bound;
	for (size_t k = 0; (bound = call_effect_key(en, x, -1, k, &eff)) != NULL; k++) {
		if (bound == key)
			return true;
		for (uint32_t b = 0; bound[0] && b < en->cfg->nblocks; b++)
			for (uint32_t i = 0; i < en->cfg->blocks[b]->nevents; i++) {
				const struct event *y = &en->cfg->blocks[b]->events[i];
				const struct sum_effect *took;
				const char *got;
				if (y->kind != EV_CALL || !y->result || strcmp(y->result, bound) != 0 || y->span_start < from ||
				    y->span_start >= to)
					continue;
				for (size_t m = 0; (got = call_effect_key(en, y, 1, m, &took)) != NULL; m++)
					if (got == key && (took->flags & LP_RETURNED))
						return true;
			}
	}
	return false;
}

/* Whether the loop spanning [from, to) releases key somewhere in its body. */
static bool loop_releases(const struct engine *en, const char *key, uint32_t from, uint32_t to)
{
	for (uint32_t b = 0; b < en->cfg->nblocks; b++)
		for (uint32_t i = 0; i < en->cfg->blocks[b]->nevents; i++) {
			const struct event *x = &en->cfg->blocks[b]->events[i];
			if (x->span_start < from || x->span_start >= to)
				continue;
			if (x->kind == EV_LOCK && x->effect == LE_RELEASE && x->key == key)
				return true;
			if (x->kind == EV_CALL && call_releases(en, x, key, from, to))
				return true;
		}
	return false;
}

/* The loop moves on (cursor or index written) while a lock named through it, taken on
 * this trip, is held, and the body releases that lock on other paths: it leaks. */
static void check_loop_step(struct engine *en, const struct lstate *s, const struct event *e)
{
	for (uint16_t i = 0; i < s->nlocks; i++) {
		const struct lockent *l = &s->locks[i];
		if (l->count <= 0 || !l->last || l->last->effect == LE_RELEASE ||
		    l->last->span_start < e->span_start || l->last->span_start >= e->span_end ||
		    !lstate_key_mentions(l->key, e->key) || !loop_releases(en, l->key, e->span_start, e->span_end))
			continue;
		engine_issue(en, EF_HELD_ACROSS_ITERATION, l->last, e, s);
	}
}

/* mutex_owned(&m): what the path knows of m answers it (nothing, for a lock the path
 * never touched: the caller may hold it). */
static void query_fact(struct engine *en, struct lstate *n, const struct event *e)
{
	if (!e->result)
		return;
	const struct lockent *l = lstate_lock(n, e->key);
	if (!l || (l->count == 0 && !l->last) || (l->flags & LS_FORGOTTEN))
		return;
	bool held = l->count > 0 || (l->count == 0 && (l->flags & LS_ENTRY));
	lstate_set_fact(en->a, n, e->result, held ? VB_POS : VB_ZERO);
}

/* Sentinels: a variable the function sets to constants (idx = MAX_LCORE; ...; if (idx ==
 * MAX_LCORE) unlock).  After each write, `v == C` is known for each such C: true for the
 * constant written, false for the others and for a computed value (a value computed
 * elsewhere is taken not to hit a sentinel the function picked). */
static void sentinel_facts(struct engine *en, struct lstate *n, const char *var, const char *value)
{
	for (size_t i = 0; i < en->nsentinels; i++) {
		const struct sentinel *st = &en->sentinels[i];
		if (st->var != var || (!st->kind && !engine_worth_keeping(en, st->test)))
			continue;
		lstate_set_fact(en->a, n, st->test, value && strcmp(value, st->value) == 0 ? VB_POS : VB_ZERO);
	}
}

static uint8_t try_bits(const struct event *e, bool success)
{
	if (e->success == TS_ZERO)
		return success ? VB_ZERO : VB_NEG;
	return success ? VB_POS : VB_ZERO;
}


/* A plain copy of one variable into another: what the path knows of the value goes with it. */
static void copy_fact(struct engine *en, const struct lstate *s, struct lstate *n, const struct event *e)
{
	int truth = lstate_truth(s, e->prim);
	uint8_t f = lstate_fact(s, e->prim);
	if (f == VB_ANY && truth == 1)
		f = (uint8_t)(VB_ANY & ~VB_ZERO);
	else if (f == VB_ANY && truth == 0)
		f = VB_ZERO;
	if (f != VB_ANY)
		lstate_set_fact(en->a, n, e->key, f);
}

static int apply_event(struct engine *en, const struct lstate *s, const struct event *e, struct lstate *out[4]);

/* An unknown call that its name pairs with another (x_lock/x_unlock): taken at its word,
 * as a try when its value is kept (if ((err = x_enter(s)) != 0) return err;). */
static int apply_guess(struct engine *en, const struct lstate *s, const struct event *e, struct lstate *out[4])
{
	note_key(&en->guessed, e->key);
	struct event *ev = ARENA_NEW(en->a, struct event);
	bool tried = e->guess == LE_ACQUIRE && e->result && engine_worth_keeping(en, e->result);
	*ev = (struct event){
		.kind = EV_LOCK, .effect = tried ? LE_TRY : e->guess, .mode = LM_EXCLUSIVE, .success = e->guess_success,
		.loc = e->loc, .key = e->guess_key, .text = e->nargs ? e->args[0] : e->guess_key, .prim = e->key,
		.span_start = e->span_start, .result = tried ? e->result : NULL,
	};
	return apply_event(en, s, ev, out);
}

/* Applies one event; a try splits the state in two, a summarised call into one state per
 * way it returns.  Returns how many states are in out. */
/* Remembers a call through a field and a lock its caller holds across it. */
static void note_field_call(struct engine *en, const struct lstate *s, const struct event *e)
{
	const struct event *held = NULL;
	for (uint16_t i = 0; i < s->nlocks && !held; i++)
		if (s->locks[i].count > 0 && s->locks[i].last)
			held = s->locks[i].last;
	for (size_t i = 0; i < en->fields.n; i++)
		if (en->fields.v[i].at == e) {
			if (!en->fields.v[i].held)
				en->fields.v[i].held = held;
			return;
		}
	VEC_PUSH(&en->fields, ((struct field_site){e, held}));
}

/* Functions passed by name to a call (`zio_write(..., done_cb, arg)`): the locks their
 * summaries release may be this function's, handed over to be dropped on completion. */
static void note_callback(struct engine *en, const char *name)
{
	if (!name || !is_identifier(name) || cfg_key_is_local(en->cfg, name))
		return;
	const struct summary *sum = summary_view_lookup(en->sums, name, en->file);
	for (uint16_t c = 0; sum && c < sum->ncases; c++)
		for (uint16_t k = 0; k < sum->cases[c].neffects; k++)
			if (sum->cases[c].effects[k].delta < 0)
				note_key(&en->handed, sum->cases[c].effects[k].key);
}

/* ... or stored for one (`cb = trim_done;` before the call that takes cb). */
static void note_callbacks(struct engine *en, const struct event *e)
{
	if (e->kind == EV_ASSIGN) {
		note_callback(en, e->prim);
		return;
	}
	for (uint8_t i = 0; i < e->nargs; i++)
		if (!(e->addr_args >> i & 1))
			note_callback(en, e->args[i]);
}

/* Whether call argument a is lock key itself, or the pointer it is reached through (`vpp`
 * for `*vpp`; `VOP(*vpp)`, a lock a name pair guessed, is `*vpp`); aliases resolved. */
static bool passes_lock(struct engine *en, const char *key, const char *a)
{
	const char *open = strchr(key, '(');
	size_t n = strlen(key);
	if (open && open > key && key[n - 1] == ')' && is_identifier(arena_strndup(en->a, key, (size_t)(open - key))))
		key = cfg_intern(en->mcfg, open + 1, n - (size_t)(open - key) - 2);	/* the guessed lock's object */
	const char *full = cfg_resolve_aliases_in(en->mcfg, key);
	for (int k = 0; k < 2; k++, key = full)
		if (strcmp(key, a) == 0 || (key[0] == '*' && strcmp(key + 1, a) == 0))
			return true;
	return false;
}

/* A held lock passed as itself (`&m` for m, `vpp` for `*vpp`) to a function with no lock
 * effect we know of (outside the tree, or dropping it through a call we cannot read):
 * maybe it keeps the lock (cv_wait), maybe it drops it (mount_snapshot drops the vnode
 * lock it is given).  Which, the function's later lock events tell. */
static void note_handoffs(struct engine *en, struct lstate *s, const struct event *e)
{
	const struct key_use *u = e->result && strchr(e->result, '(') ? use_of(en, e->result) : NULL;
	if (u && u->tests)
		return;	/* `if (page_uptodate(page))`: a question about the lock's object */
	for (uint16_t i = 0; i < s->nlocks; i++) {
		const char *key = s->locks[i].key;
		if (s->locks[i].count <= 0)
			continue;
		for (uint8_t k = 0; k < e->nargs; k++) {
			if (passes_lock(en, key, e->args[k])) {
				s->locks[i].flags |= LS_HANDED;
				VEC_PUSH(&en->consumed, ((struct handoff){key, e}));
				break;
			}
		}
	}
}

/* A try on an exclusive lock that nests (a recursive mutex) which this path holds. */
static bool owner_retries(const struct lstate *s, const struct event *e)
{
	const struct lockent *l = lstate_lock(s, e->key);
	return (e->flags & LP_NESTS) && e->mode == LM_EXCLUSIVE && l && l->count > 0;
}

/* Once per function: every event that passes or stores a function by name. */
static void collect_callbacks(struct engine *en, const struct cfg *cfg)
{
	for (uint32_t b = 0; en->sums && b < cfg->nblocks; b++)
		for (uint32_t i = 0; i < cfg->blocks[b]->nevents; i++) {
			const struct event *e = &cfg->blocks[b]->events[i];
			if ((e->kind == EV_CALL && e->nargs) || (e->kind == EV_ASSIGN && !e->by_address))
				note_callbacks(en, e);
		}
}

static int apply_event(struct engine *en, const struct lstate *s, const struct event *e, struct lstate *out[4])
{
	if (e->kind == EV_CALL && e->field)
		note_field_call(en, s, e);
	if (e->kind == EV_CALL && en->sums) {
		const struct summary *sum = summary_view_lookup(en->sums, e->key, en->file);
		if (sum && sum->guessed)
			note_key(&en->guess_based, e->key);
		if (sum)
			return callsite_apply_summary(en, s, e, sum, out, 4);
	}
	/* Both halves unseen: a pair whose other half is defined somewhere (ovs_mutex_lock, a
	 * macro over a function we cannot read) is not one to complete by its name. */
	if (e->kind == EV_CALL && e->guess != 0xff && !(en->sums && summary_view_defined(en->sums, e->key)) &&
	    !(en->sums && e->guess_partner && summary_view_defined(en->sums, e->guess_partner)))
		return apply_guess(en, s, e, out);
	struct lstate *n = lstate_copy(en->a, s);
	out[0] = n;
	if (e->kind == EV_CALL && !e->field && en->sums)
		note_handoffs(en, n, e);	/* a call without a summary: no lock effect we know of */
	switch (e->kind) {
	case EV_LOCK:
		if (e->result)
			lstate_kill(n, e->result);
		if (e->effect == LE_ACQUIRE) {
			engine_acquire(en, n, s, e, true);
		} else if (e->effect == LE_RELEASE) {
			engine_release(en, n, s, e);
		} else if (e->effect == LE_DOWNGRADE) {
			struct lockent *l = lstate_lock_mut(en->a, n, e->key);
			if (l->count > 0)
				l->mode = LM_SHARED;
			l->last = e;
		} else if (e->effect == LE_QUERY) {
			query_fact(en, n, e);
		} else if (e->effect == LE_TRY) {
			/* An untested try is an acquire; a tested one on a held lock just fails. */
			engine_acquire(en, n, s, e, !e->result);
			if (!e->result)	/* result ignored: nothing can tell the outcomes apart */
				return 1;
			lstate_set_fact(en->a, n, e->result, try_bits(e, true));
			if (owner_retries(s, e))
				return 1;	/* a recursive lock's owner always gets it again */
			struct lstate *f = lstate_copy(en->a, s);
			lstate_kill(f, e->result);
			struct lockent *fl = lstate_lock_mut(en->a, f, e->key);
			if (fl->count == 0) {
				fl->flags |= LS_TRY_FAILED;
				fl->last = e;
			}
			lstate_set_fact(en->a, f, e->result, try_bits(e, false));
			out[1] = f;
			return 2;
		}
		return 1;
	case EV_CALL:
		if (e->result) {
			if (!stable_test(en, e->result))
				lstate_kill(n, e->result);
			lstate_forget_locks(n, e->result);
			/* `b = kmem_alloc(...)` again in a loop: keys named through the call that b
			 * stands for name last trip's object */
			const char *stands = cfg_resolve_alias(en->mcfg, e->result);
			if (stands != e->result)
				lstate_forget_locks(n, stands);
			sentinel_facts(en, n, e->result, NULL);
		}
		return 1;
	case EV_ASSIGN:
		if (e->by_address)
			lstate_kill_written(n, e->key);
		else
			lstate_kill(n, e->key);
		if (e->copy_of)
			note_copy(en, n, e);
		if (!e->by_address)
			sentinel_facts(en, n, e->key, e->text);
		if (e->loop_step)
			check_loop_step(en, n, e);
		if (!e->by_address)
			lstate_forget_locks(n, e->key);
		/* a switch's `x==CASE` facts rule out the other cases (excluded_by_equal) */
		if (e->flags && (engine_worth_keeping(en, e->key) || strstr(e->key, "==")))
			lstate_set_fact(en->a, n, e->key, e->flags);
		else if (!e->flags && !e->by_address && e->prim && e->prim != e->key && engine_worth_keeping(en, e->key))
			copy_fact(en, s, n, e);	/* it = search, with search known non-NULL */
		return 1;
	case EV_BREAK:
		for (uint16_t i = 0; i < n->nlocks; i++) {
			struct lockent *l = &n->locks[i];
			if (l->count > 0 && l->last && l->last->effect != LE_RELEASE &&
			    l->last->span_start >= e->span_start && l->last->span_start < e->span_end)
				l->brk = e;
		}
		return 1;
	}
	return 1;
}

/* The values each side of a test allows. */
static void test_sides(const struct test *t, uint8_t *yes, uint8_t *no)
{
	if (t->kind == TEST_NEG) {
		*yes = VB_NEG;
		*no = VB_ANY & ~VB_NEG;
	} else if (t->kind == TEST_EQ1) {	/* booleans: not 1 is 0 (an int of 2 is lost) */
		*yes = VB_POS;
		*no = VB_ANY & ~VB_POS;
	} else {
		*yes = VB_ANY & ~VB_ZERO;
		*no = VB_ZERO;
	}
}

/* A constant as a comparison's right side: a number or an upper-case name (an enum or
 * #define constant). */
static bool constant_text(const char *t)
{
	if (!*t)
		return false;
	for (; *t; t++)
		if (!((*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') || *t == '_' || *t == 'x'))
			return false;
	return true;
}

/* A side of an ordering (`cnt`, `p->n`): identifier characters, `.` and `->`. */
static bool ordered_side(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_ident_char((unsigned char)s[i]) && s[i] != '.' &&
		    !(s[i] == '-' && i + 1 < n && s[i + 1] == '>') && !(s[i] == '>' && i && s[i - 1] == '-'))
			return false;
	return true;
}

/* A test that orders two values (`cnt<max`, `cnt>=max`, `++cnt<max`), as the key of
 * `a<b` (interned), whether the test says it (true) or its negation, and a and b.  NULL
 * for anything else.  `++cnt<max` is tested after the increment the CFG made. */
static const char *ordering(struct engine *en, const char *test, bool *says, const char **small, const char **big)
{
	if (test[0] == '+' && test[1] == '+')
		test += 2;
	const char *op = test;
	while (*op && !((*op == '<' || *op == '>') && !(op > test && op[-1] == '-' && *op == '>')))
		op++;
	if (!*op || op[1] == op[0])
		return NULL;	/* no ordering, or a shift */
	bool eq = op[1] == '=', less = *op == '<';
	const char *l = test, *r = op + (eq ? 2 : 1);
	size_t ln = (size_t)(op - test), rn = strlen(r);
	if (!ordered_side(l, ln) || !ordered_side(r, rn))
		return NULL;
	bool forward = less != eq;	/* a<b and a>=b (its negation) have the key a<b */
	*says = !eq;
	const char *li = cfg_intern(en->mcfg, l, ln), *ri = cfg_intern(en->mcfg, r, rn);
	*small = forward ? li : ri;
	*big = forward ? ri : li;
	const char *key = arena_printf(en->a, "%s<%s", *small, *big);
	return cfg_intern(en->mcfg, key, strlen(key));
}

/* Whether block b is an ordering test outside any loop. */
static bool counted_test(const struct engine *en, const struct block *b)
{
	for (size_t i = 0; i < en->counted.n; i++)
		if (en->counted.v[i] == b->id)
			return true;
	return false;
}

/* What the path knows of an ordering test: the test's bits, or VB_ANY.  After a loop, a
 * counter still at zero is taken to be below its bound: retry loops have positive bounds,
 * and a do-while that breaks out on its first pass has not used any up (`do { ... break;
 * ... } while (++cnt < max); if (cnt >= max) return -EAGAIN;`).  A loop's own test gets
 * no such guess: `for (i = 0; i < n; i++)` may run no time at all. */
static uint8_t ordering_known(struct engine *en, const struct lstate *s, const struct block *b)
{
	const struct block_test *bt = &en->tests[b->id];
	const char *small = bt->small, *big = bt->big, *key = bt->order;
	bool says = bt->says;
	if (!key)
		return VB_ANY;
	uint8_t f = lstate_fact(s, key);
	int less = f == VB_ANY ? -1 : !(f & VB_ZERO);
	if (less < 0 && lstate_fact(s, small) == VB_ZERO && !constant_text(big) && counted_test(en, b))
		less = 1;
	if (less < 0)
		return VB_ANY;
	return (bool)less == says ? VB_POS : VB_ZERO;
}

/* Records the ordering a side of a test establishes. */
static void ordering_taken(struct engine *en, struct lstate *n, const struct block *b, bool side)
{
	const struct block_test *bt = &en->tests[b->id];
	if (bt->order)
		lstate_set_fact(en->a, n, bt->order, side == bt->says ? VB_POS : VB_ZERO);
}

/* Leaving a loop that pops entries and unlocks each (`while ((bpi =
 * list_remove_head(&stack)) != NULL) { bpo = bpi->bpi_bpo; mutex_exit(&bpo->bpo_lock); }`)
 * because the container came back empty: every lock of that field the path still holds
 * was on it.  Each pop drops the latest one (consume_same_field); how many entries the
 * container had, the path does not count.  The loop's release, under each lock's own
 * name, becomes its last event, so a later release of one is a double one. */
static void drained(struct engine *en, struct lstate *n, const struct block *b, bool side)
{
	const struct event *rel = en->drains && !side ? en->drains[b->id] : NULL;
	const char *tail, *t;
	size_t tn = rel ? cfg_key_tail(rel->key, &tail) : 0;
	for (uint16_t i = 0; tn && i < n->nlocks; i++) {
		struct lockent *l = &n->locks[i];
		if (l->count > 0 && l->key != rel->key && cfg_key_tail(l->key, &t) == tn && strncmp(t, tail, tn) == 0) {
			struct event *ev = ARENA_NEW(en->a, struct event);
			*ev = *rel;	/* the loop's release, under this lock's own name */
			ev->key = l->key;
			ev->text = l->last ? l->last->text : l->key;
			l->count = 0;
			l->last = ev;
		}
	}
}

/* On the side of `rc == EOWNERDEAD` where it holds, a try whose result rc is that value
 * took the lock after all (lockprim.also: a robust mutex whose owner died). */
static void taken_also(struct lstate *n, const struct block *b, bool side)
{
	const char *t = b->test.key, *op = strstr(t, "==");
	if (!side || !op || strstr(op + 2, "=="))
		return;
	for (uint16_t i = 0; i < n->nlocks; i++) {
		struct lockent *l = &n->locks[i];
		const struct event *e = l->last;
		if ((l->flags & LS_TRY_FAILED) && e && e->effect == LE_TRY && e->also && e->result &&
		    strlen(e->result) == (size_t)(op - t) && strncmp(e->result, t, (size_t)(op - t)) == 0 &&
		    strcmp(op + 2, e->also) == 0) {
			l->count = clamp(l->count + 1);
			l->flags &= (uint16_t)~LS_TRY_FAILED;
		}
	}
}

static void take_branch(struct engine *en, const struct block *b, const struct lstate *s, bool side, uint8_t bits)
{
	struct lstate *n = lstate_copy(en->a, s);
	if (b->test.key && b->test.kind == TEST_TRUTH) {
		taken_also(n, b, side);
		drained(en, n, b, side);
		rename_equal(en, n, b, side);
		ordering_taken(en, n, b, side);
	}
	if (b->test.key && b->test.kind != TEST_UNKNOWN &&
	    (branch_worth_keeping(en, b->test.key) || lstate_fact(s, b->test.key) != VB_ANY))
		lstate_set_fact(en->a, n, b->test.key, bits);
	if (b->test.kind != TEST_UNKNOWN)
		lstate_add_cond(en->a, n, b, side);
	propagate(en, b->succ[side ? 0 : 1], n);
}

/* `x==B` when the path knows `x==A` holds for another constant A: false.  (The hash
 * table locks when `add_key==MULTIWRITER` and later tests `add_key==MULTIWRITER_TM`.) */
static uint8_t excluded_by_equal(const struct lstate *s, const char *key)
{
	const char *eq = strstr(key, "==");
	if (!eq || !constant_text(eq + 2))
		return VB_ANY;
	size_t lhs = (size_t)(eq - key);
	for (uint16_t i = 0; i < s->nfacts; i++) {
		const char *k = s->facts[i].key;
		if (k != key && strncmp(k, key, lhs) == 0 && strncmp(k + lhs, "==", 2) == 0 && constant_text(k + lhs + 2) &&
		    strcmp(k + lhs + 2, eq + 2) != 0 && !(s->facts[i].bits & VB_ZERO))
			return VB_ZERO;
	}
	return VB_ANY;
}

/* `if (p)` while a lock that is p, or hangs from p (`&p->lock`), is held: p was
 * dereferenced to take it, so it is not NULL. */
static uint8_t nonnull_by_lock(const struct lstate *s, const char *key)
{
	size_t n = strlen(key);
	for (uint16_t i = 0; i < s->nlocks; i++) {
		const char *k = s->locks[i].key;
		if (s->locks[i].count > 0 && strncmp(k, key, n) == 0 &&
		    (k[n] == '\0' || (k[n] == '-' && k[n + 1] == '>')))
			return VB_ANY & ~VB_ZERO;
	}
	return VB_ANY;
}

static void branch(struct engine *en, const struct block *b, const struct lstate *s)
{
	if (b->test.kind == TEST_UNKNOWN || !b->test.key) {
		take_branch(en, b, s, true, VB_ANY);
		take_branch(en, b, s, false, VB_ANY);
		return;
	}
	uint8_t known = lstate_fact(s, b->test.key), yes, no;
	if (known == VB_ANY && b->test.kind == TEST_TRUTH)
		known = excluded_by_equal(s, b->test.key);
	if (known == VB_ANY && b->test.kind == TEST_TRUTH)
		known = nonnull_by_lock(s, b->test.key);
	if (known == VB_ANY && b->test.kind == TEST_TRUTH)
		known = ordering_known(en, s, b);
	test_sides(&b->test, &yes, &no);
	if (known & yes)
		take_branch(en, b, s, true, known & yes);
	if (known & no)
		take_branch(en, b, s, false, known & no);
}

/* The class of what a return hands back, narrowed by what the path knows of the variable. */
static uint8_t return_bits(const struct block *b, const struct lstate *s)
{
	if (!b->ret.var)
		return b->ret.bits;
	uint8_t bits = lstate_fact(s, b->ret.var);
	for (uint16_t i = 0; i < s->nfacts; i++) {
		const char *k = s->facts[i].key;	/* IS_ERR(var) decided on this path */
		size_t n = strlen(b->ret.var);
		if (strncmp(k, "IS_ERR(", 7) == 0 && strncmp(k + 7, b->ret.var, n) == 0 && strcmp(k + 7 + n, ")") == 0)
			bits &= (s->facts[i].bits & VB_ZERO) ? (uint8_t)~VB_ERRPTR : VB_ERRPTR;
	}
	if (b->ret.negated && bits != VB_ANY)
		bits = (uint8_t)((bits & ~(VB_POS | VB_NEG)) | ((bits & VB_POS) ? VB_NEG : 0) | ((bits & VB_NEG) ? VB_POS : 0));
	return bits ? bits : VB_ANY;
}

void engine_finish(struct engine *en, const struct block *b, const struct lstate *s)
{
	switch (b->term) {
	case T_GOTO:
		propagate(en, b->succ[0], s);
		break;
	case T_BRANCH:
		branch(en, b, s);
		break;
	case T_SWITCH:
		for (uint32_t i = 0; i < b->nsucc; i++)
			propagate(en, b->succ[i], s);
		break;
	case T_RETURN:
		VEC_PUSH(&en->exits, ((struct exit_state){b, s, return_bits(b, s)}));
		break;
	case T_STOP:
		break;
	}
}

/* Whether event k, `&x` given to the call that follows it, is a variable that call's
 * summary says it sets on some ways and leaves on the others (`get_pages(mm, &locked)`):
 * the call decides what x holds after it, and the ways that leave it keep what the
 * caller knew. */
static bool stored_by_next_call(const struct engine *en, const struct block *b, uint32_t k)
{
	const struct event *e = &b->events[k];
	if (e->kind != EV_ASSIGN || !e->by_address || !en->sums)
		return false;
	while (++k < b->nevents && b->events[k].kind == EV_ASSIGN && b->events[k].by_address)
		;
	const struct event *call = k < b->nevents && b->events[k].kind == EV_CALL ? &b->events[k] : NULL;
	const struct summary *sum = call ? summary_view_lookup(en->sums, call->key, en->file) : NULL;
	return sum && sum->cond_written && summary_bind_key(en->mcfg, sum->cond_key, call) == e->key;
}

/* Runs the block's events from state s; each try doubles the states in flight. */
static void run_block(struct engine *en, const struct block *b, const struct lstate *s)
{
	const struct lstate *cur[64];
	size_t ncur = 1;
	cur[0] = s;
	for (uint32_t k = 0; k < b->nevents; k++) {
		const struct lstate *next[64];
		size_t nn = 0;
		if (stored_by_next_call(en, b, k))
			continue;
		for (size_t i = 0; i < ncur; i++) {
			struct lstate *out[4];
			int cnt = apply_event(en, cur[i], &b->events[k], out);
			for (int o = 0; o < cnt && nn < countof(next); o++)
				next[nn++] = out[o];
		}
		memcpy(cur, next, nn * sizeof(*cur));
		ncur = nn;
	}
	for (size_t i = 0; i < ncur; i++)
		engine_finish(en, b, cur[i]);
}

/* Exits reached by the same return with the same locks are one exit (joins re-queue them). */
static void dedupe_exits(struct engine *en)
{
	size_t k = 0;
	for (size_t i = 0; i < en->exits.n; i++) {
		struct exit_state *x = &en->exits.v[i];
		size_t j;
		for (j = 0; j < k; j++)
			if (en->exits.v[j].blk == x->blk && lstate_same_locks(en->exits.v[j].state, x->state))
				break;
		if (j < k) {
			en->exits.v[j].bits |= x->bits;
			/* what both ways agree on (facts, branches) is what the return knows */
			const struct lstate *both = lstate_join(en->a, en->exits.v[j].state, x->state);
			if (both)
				en->exits.v[j].state = both;
			continue;
		}
		en->exits.v[k++] = *x;
	}
	en->exits.n = k;
}

static bool still_current(const struct engine *en, struct work w)
{
	const struct blockstates *bs = &en->in[w.blk];
	for (uint32_t i = 0; i < bs->n; i++)
		if (bs->v[i] == w.state)
			return true;
	return false;
}

/* Whether no event can touch a lock: no primitive, no call through a field (its site
 * feeds an ops-table contract), no callee with a summary or a name guess, no function
 * with a summary passed by name.  Most functions of a tree are such; their states only
 * ever hold facts, so the walk would end with no finding and no summary. */
static bool quiet_event(const struct event *e, const struct summary_view *sums, const char *file)
{
	if (e->kind == EV_LOCK || (e->kind == EV_CALL && (e->field || e->guess != 0xff)))
		return false;
	if (!sums)
		return true;
	if (e->kind == EV_CALL && summary_view_lookup(sums, e->key, file))
		return false;
	if (e->kind == EV_CALL)
		for (uint8_t i = 0; i < e->nargs; i++)
			if (e->args[i] && is_identifier(e->args[i]) && summary_view_lookup(sums, e->args[i], file))
				return false;
	return !(e->kind == EV_ASSIGN && e->prim && is_identifier(e->prim) && summary_view_lookup(sums, e->prim, file));
}

static bool quiet_cfg(const struct cfg *cfg, const struct summary_view *sums, const char *file)
{
	if (cfg->nanns)
		return false;	/* its returns are held to what it declares */
	for (uint32_t b = 0; b < cfg->nblocks; b++)
		for (uint32_t i = 0; i < cfg->blocks[b]->nevents; i++)
			if (!quiet_event(&cfg->blocks[b]->events[i], sums, file))
				return false;
	return true;
}

void analysis_run(struct analysis *res, struct arena *scratch, struct cfg *cfg,
		  const struct summary_view *sums, const char *file)
{

	memset(res, 0, sizeof(*res));
	res->cfg = cfg;
	if (cfg->too_deep || cfg->nblocks == 0 || quiet_cfg(cfg, sums, file))
		return;
	struct engine en = {.a = scratch, .cfg = cfg, .mcfg = cfg, .sums = sums, .file = file};
	en.in = ARENA_ARRAY(scratch, struct blockstates, cfg->nblocks);
	count_uses(&en, cfg);
	collect_written(&en, cfg);
	collect_callbacks(&en, cfg);
	collect_sentinels(&en, cfg);
	propagate(&en, 0, lstate_new(scratch));
	while (en.work.n && !en.over_budget) {
		struct work w = en.work.v[--en.work.n];
		if (!still_current(&en, w))
			continue;	/* superseded by a join that was queued too */
		if (++res->steps > ANALYSIS_MAX_STEPS) {
			en.over_budget = true;
			break;
		}
		run_block(&en, cfg->blocks[w.blk], w.state);
	}
	dedupe_exits(&en);
	res->over_budget = en.over_budget;
	/* What the result keeps moves into the caller's arena; the engine's vectors go. */
#define KEEP(vec, out, nout) \
	do { \
		(out) = arena_memdup(scratch, (vec).v, (vec).n * sizeof(*(vec).v)); \
		(nout) = (vec).n; \
		VEC_FREE(&(vec)); \
	} while (0)
	KEEP(en.exits, res->exits, res->nexits);
	KEEP(en.issues, res->issues, res->nissues);
	KEEP(en.taken, res->taken, res->ntaken);
	KEEP(en.dropped, res->dropped, res->ndropped);
	KEEP(en.fields, res->fields, res->nfields);
	KEEP(en.handed, res->handed, res->nhanded);
	KEEP(en.doubts, res->doubts, res->ndoubts);
	KEEP(en.consumed, res->consumed, res->nconsumed);
	KEEP(en.guessed, res->guessed, res->nguessed);
	KEEP(en.guess_based, res->guess_based, res->nguess_based);
#undef KEEP
	VEC_FREE(&en.macro_returns);
	VEC_FREE(&en.stores);
	VEC_FREE(&en.counted);
	VEC_FREE(&en.work);
}

bool analysis_consumed_outside(const struct analysis *res, const char *key)
{
	const struct event *last = NULL;
	for (size_t i = 0; i < res->nconsumed; i++)
		if (res->consumed[i].key == key && (!last || loc_before(last->loc, res->consumed[i].at->loc)))
			last = res->consumed[i].at;
	if (!last)
		return false;
	const struct cfg *c = res->cfg;
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_LOCK && e->key == key && loc_before(last->loc, e->loc))
				return false;	/* named again after the call: the call kept it */
		}
	return true;
}

bool analysis_handed_to_callback(const struct analysis *res, const char *key)
{
	const char *t;
	size_t n = cfg_key_tail(key, &t);
	for (size_t i = 0; n && i < res->nhanded; i++) {
		const char *u;
		size_t m = cfg_key_tail(res->handed[i], &u);
		if (m == n && strncmp(t, u, n) == 0)
			return true;
	}
	return false;
}


static int loc_before(struct loc a, struct loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

const struct block *analysis_split_condition(const struct analysis *res, const char *key, bool *held_when)
{
	if (!res->nexits)
		return NULL;
	int hi = -128;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		int c = l ? l->count : 0;
		hi = c > hi ? c : hi;
	}
	/* Candidate tests: those on the path of the first exit holding the most. */
	const struct lstate *first = NULL;
	for (size_t i = 0; i < res->nexits && !first; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if ((l ? l->count : 0) == hi)
			first = res->exits[i].state;
	}
	for (uint16_t k = 0; first && k < first->nconds; k++) {
		const struct block *test = first->conds[k].blk;
		bool v = first->conds[k].value, ok = true, others = false;
		for (size_t i = 0; i < res->nexits && ok; i++) {
			const struct lstate *st = res->exits[i].state;
			const struct lockent *l = lstate_lock(st, key);
			bool held = (l ? l->count : 0) == hi;
			int got = lstate_cond(st, test->test.key);
			ok = got >= 0 && (bool)got == (held ? v : !v);
			others |= !held;
			if (ok && held && l && l->last && !loc_before(test->test.loc, l->last->loc))
				ok = false;	/* the test comes after the lock: an early return, not a helper */
		}
		if (ok && others) {
			*held_when = v;
			return test;
		}
	}
	return NULL;
}

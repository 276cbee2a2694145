#include "findings.h"
#include "macros.h"
#include "modes.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *desc, *rule;
} kind_info[FK_COUNT] = {
#define X(id, name, desc, rule) [FK_##id] = {name, desc, rule},
	FINDING_KINDS(X)
#undef X
};

const char *finding_kind_name(enum finding_kind k) { return kind_info[k].name; }
const char *finding_kind_description(enum finding_kind k) { return kind_info[k].desc; }
const char *finding_kind_rule(enum finding_kind k) { return kind_info[k].rule; }

/* Budget: notes per finding (a function with 40 returns should not print 40 notes). */
#define FINDINGS_MAX_NOTES 16
#define FINDINGS_MAX_CONDS_PER_RETURN 1

typedef VEC(struct note) note_vec;

/* One finding under construction, in the scratch arena until it is emitted. */
struct draft {
	struct arena *run;
	const struct analysis *res;
	const char *file;
	note_vec notes;
	size_t first;	/* this function's findings start here in the list */
};

static int loc_cmp(struct loc a, struct loc b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

static void note(struct draft *d, struct loc loc, const char *msg)
{
	for (size_t i = 0; i < d->notes.n; i++)
		if (loc_cmp(d->notes.v[i].loc, loc) == 0 && strcmp(d->notes.v[i].message, msg) == 0)
			return;
	if (d->notes.n < FINDINGS_MAX_NOTES)
		VEC_PUSH(&d->notes, ((struct note){loc, arena_strdup(d->run, msg), NULL}));
}

static void emit(struct finding_list *out, struct draft *d, enum finding_kind k, struct loc loc,
		 const char *lock, const char *msg)
{
	const struct cfg *cfg = d->res->cfg;
	for (size_t i = d->first; i < out->n; i++) {	/* one finding per function, kind and lock */
		struct finding *f = &out->v[i];
		if (f->kind == k && strcmp(f->lock, lock) == 0) {
			VEC_FREE(&d->notes);
			return;
		}
	}
	struct finding f = {
		.file = d->file, .loc = loc, .function = arena_strdup(d->run, cfg->name), .kind = k,
		.lock = arena_strdup(d->run, lock), .message = arena_strdup(d->run, msg),
		.notes = arena_memdup(d->run, d->notes.v, d->notes.n * sizeof(struct note)),
		.nnotes = d->notes.n,
	};
	VEC_PUSH(out, f);
	VEC_FREE(&d->notes);
}

static const char *mode_name(uint8_t m) { return m == LM_SHARED ? "shared" : "exclusive"; }

static void cond_notes_of(struct draft *d, const struct lstate *s, const struct event *after);

/* --- findings at one event ------------------------------------------------------------ */

static void event_finding(struct finding_list *out, struct draft *d, const struct event_issue *is)
{
	const struct event *e = is->at, *p = is->prev;
	char msg[512];
	enum finding_kind k;
	switch (is->kind) {
	case EF_DOUBLE_ACQUIRE:
		if (analysis_handed_to_callback(d->res, e->key))
			return;	/* a lock used as a completion signal, dropped by the callback */
		k = FK_DOUBLE_ACQUIRE;
		snprintf(msg, sizeof(msg), "'%s' is acquired by '%s' while already held", e->text, e->prim);
		if (p)
			note(d, p->loc, arena_printf(d->run, "'%s' first acquired here by '%s'", p->text, p->prim));
		break;
	case EF_DOUBLE_RELEASE:
		k = FK_DOUBLE_RELEASE;
		if (e->scope_exit) {
			snprintf(msg, sizeof(msg), "'%s' is released again when the scope of '%s' ends here", e->text, e->prim);
			note(d, e->origin, arena_printf(d->run, "'%s' taken here by '%s', released at the end of its scope",
							e->text, e->prim));
		} else {
			snprintf(msg, sizeof(msg), "'%s' is released by '%s' after it was already released", e->text, e->prim);
		}
		if (p)
			note(d, p->loc, arena_printf(d->run, "'%s' first released here by '%s'", p->text, p->prim));
		break;
	case EF_HELD_ACROSS_ITERATION:
		k = FK_HELD_ACROSS_ITERATION;
		snprintf(msg, sizeof(msg), "'%s' is still held when the loop moves on to its next '%s'", e->text, p->key);
		note(d, p->loc, arena_printf(d->run, "'%s' moves on here; the lock taken on this trip is never released", p->key));
		cond_notes_of(d, is->state, e);
		break;
	case EF_UNCHECKED_RESULT:
		k = FK_UNCHECKED_RESULT;
		snprintf(msg, sizeof(msg), "the result of '%s' is not tested, but whether it returns with a lock held depends on it",
			 e->key);
		note(d, e->loc, arena_printf(d->run, "'%s' is called here and its value dropped", e->key));
		emit(out, d, k, e->loc, e->key, msg);
		return;
	case EF_RELEASE_AFTER_FAILED_TRY:
		k = FK_RELEASE_UNHELD;
		snprintf(msg, sizeof(msg), "'%s' is released by '%s' on a path where '%s' failed to acquire it",
			 e->text, e->prim, p ? p->prim : "the try");
		if (p)
			note(d, p->loc, arena_printf(d->run, "'%s' did not acquire '%s' on this path", p->prim, p->text));
		break;
	default: {
		k = FK_MODE_MISMATCH;
		const struct lockent *l = lstate_lock(is->state, e->key);
		uint8_t held = l ? l->mode : (uint8_t)!e->mode;
		if (e->effect == LE_RELEASE)
			snprintf(msg, sizeof(msg), "'%s' is held %s but released %s by '%s'", e->text,
				 mode_name(held), mode_name(e->mode), e->prim);
		else
			snprintf(msg, sizeof(msg), "'%s' was released %s but is re-acquired %s by '%s'", e->text,
				 mode_name(held), mode_name(e->mode), e->prim);
		if (p)
			note(d, p->loc, arena_printf(d->run, "'%s' %s %s here by '%s'", p->text,
						     p->effect == LE_RELEASE ? "released" : "acquired", mode_name(p->mode), p->prim));
	}
	}
	emit(out, d, k, e->loc, e->text, msg);
}

/* --- findings over the exits ---------------------------------------------------------- */

/* All returns on which the lock is held at `count` hand back the variable the lock
 * hangs from (`return obj;` with obj->lock held): the caller can release it. */
static bool returns_root(const struct analysis *res, const char *key, int count)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (size_t i = 0; i < res->nexits; i++) {
		const char *v = res->exits[i].blk->ret.var;
		if (modes_count_at(&res->exits[i], key) == count &&
		    !(v && n && strncmp(v, root, n) == 0 && v[n] == '\0'))
			return false;
	}
	return true;
}

/* Every return holding a lock on a local object hands that object back, and no other
 * return does (`return (odb);` with odb->db_mtx held, `return (db);` with db's): the
 * lock goes with the object returned. */
static bool hangs_from(const char *key, const char *obj)
{
	size_t n = strlen(obj);
	return strncmp(key, obj, n) == 0 && ((key[n] == '-' && key[n + 1] == '>') || key[n] == '.');
}

/* The object a return hands back, as it may start a key: the local, or what it stands for. */
static const char *returned_object(struct cfg *c, const struct exit_state *x, const char *key)
{
	const char *v = x->blk->ret.var;
	if (!v || !cfg_key_is_local(c, v))
		return NULL;
	return hangs_from(key, v) ? v : hangs_from(key, cfg_resolve_alias(c, v)) ? cfg_resolve_alias(c, v) : NULL;
}

/* ... and every other return of an object holds the same lock of its own object. */
/* Exit x, which holds no lock at all, took a branch on a flag the caller passed (`blkid ==
 * DMU_BONUS_BLKID`) the other way from every return that holds the lock: the caller asked
 * for an object without it. */
static bool asked_without(const struct analysis *res, const struct exit_state *x, const char *key)
{
	for (uint16_t i = 0; i < x->state->nlocks; i++)
		if (x->state->locks[i].count > 0)
			return false;	/* an object with some of its locks: not one asked for bare */
	for (uint16_t k = 0; k < x->state->nconds; k++) {
		const char *t = x->state->conds[k].blk->test.key;
		bool v = x->state->conds[k].value, ok = t && cfg_param_flag(res->cfg, t), any = false;
		for (size_t i = 0; i < res->nexits && ok; i++)
			if (modes_count_at(&res->exits[i], key) > 0) {
				ok = lstate_cond(res->exits[i].state, t) == !v;
				any = true;
			}
		if (ok && any)
			return true;
	}
	return false;
}

static bool goes_with_returned_object(const struct analysis *res, const char *key)
{
	struct cfg *c = (struct cfg *)res->cfg;
	if (!c->returns_pointer)
		return false;
	const char *tail = NULL;
	for (size_t i = 0; i < res->nexits; i++) {
		const char *obj = returned_object(c, &res->exits[i], key);
		bool held = modes_count_at(&res->exits[i], key) > 0;
		if (held != (obj != NULL) && !(obj && asked_without(res, &res->exits[i], key)))
			return false;
		tail = obj && held ? key + strlen(obj) : tail;
	}
	for (size_t i = 0; tail && i < res->nexits; i++) {
		const char *v = res->exits[i].blk->ret.var;
		if (!v || !cfg_key_is_local(c, v) || res->exits[i].bits == VB_ZERO || asked_without(res, &res->exits[i], key))
			continue;
		char *own = arena_printf(c->arena, "%s%s", cfg_resolve_alias(c, v), tail);
		char *plain = arena_printf(c->arena, "%s%s", v, tail);
		if (modes_count_at(&res->exits[i], cfg_intern(c, own, strlen(own))) <= 0 &&
		    modes_count_at(&res->exits[i], cfg_intern(c, plain, strlen(plain))) <= 0)
			return false;
	}
	return tail != NULL;
}

/* The latest write of var before `at`, in source order (the builder keeps no def-use
 * chains; straight-line returns read the value written last above them): NULL if none. */
static const struct event *write_before(const struct cfg *c, const char *var, struct loc at)
{
	const struct event *best = NULL;
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			const char *w = e->kind == EV_ASSIGN ? e->key : e->kind == EV_CALL ? e->result : NULL;
			if (w && !e->by_address && strcmp(w, var) == 0 && loc_cmp(e->loc, at) < 0 &&
			    (!best || loc_cmp(best->loc, e->loc) < 0))
				best = e;
		}
	return best;
}

/* Whether the value exit x hands back was read out of the object root names (`return
 * pool->mem;`, `mem = pool->mem; return mem;`, `p = (char *)z + n` after `z = g.mem`). */
static bool returns_read_from(const struct cfg *c, const struct exit_state *x, const char *root, size_t rn)
{
	const char *v = x->blk->ret.source ? x->blk->ret.source : x->blk->ret.var;
	struct loc at = x->blk->ret.loc;
	for (int hops = 0; v && hops < 8; hops++) {
		if (strlen(v) == rn && strncmp(v, root, rn) == 0)
			return hops > 0 || x->blk->ret.source;
		const struct event *w = write_before(c, v, at);
		if (!w || w->kind != EV_ASSIGN)
			return false;
		v = w->source;
		at = w->loc;
	}
	return false;
}

/* A lock that marks the buffer handed back as in use (zstd_mempool_alloc: a slot's mutex,
 * taken by trylock, is held while its buffer is out and dropped by the free routine):
 * every return holding it hands back a value read out of the lock's object, and no
 * return without it does.  The object is the function's own find (a local or a global),
 * not one the caller named; a NULL handed back holding it is still a leak. */
static bool marks_returned_object(const struct analysis *res, const char *key)
{
	const struct cfg *c = res->cfg;
	const char *root;
	size_t rn = cfg_key_root(key, &root);
	if (!c->returns_pointer || !rn)
		return false;
	for (size_t p = 0; p < c->nparams; p++)
		if (strlen(c->params[p]) == rn && strncmp(c->params[p], root, rn) == 0)
			return false;
	size_t held = 0;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct exit_state *x = &res->exits[i];
		bool has = modes_count_at(x, key) > 0, read = returns_read_from(c, x, root, rn);
		if (has != read || (has && !(x->bits & ~VB_ZERO)))
			return false;
		held += has;
	}
	return held > 0;
}

/* The returns split cleanly by value (held on every 0, released on every -errno): a
 * conditional acquire or release, which callers handle by testing the result.  Not when
 * the lock is held only on error returns (the classic missing unlock on an error path), nor
 * when it hangs from a local the caller cannot see. */
/* Some path releases the lock without having taken it, and another path takes it first:
 * the lock was free on entry (the taking path would deadlock otherwise), so the release
 * is of a lock nobody holds, not an "unlocks on failure" contract. */
static bool released_unheld_beside_taken(const struct analysis *res, const char *key)
{
	bool unheld = false, taken = false;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (!l)
			continue;
		unheld |= l->count < 0 && (l->flags & LS_ENTRY) && !(l->flags & LS_ACQ_FIRST);
		taken |= (l->flags & LS_ACQ_FIRST) && !(l->flags & LS_NESTS);
	}
	return unheld && taken;
}

/* Whether the function writes fields of an object its caller passed (`io->buf = ...`):
 * a request it fills in, which can say which object of its own it left locked (extstore
 * returns 0 with the page locked and the page's id in io->page_id). */
static bool fills_param_object(const struct cfg *c)
{
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			const char *root;
			size_t n = e->kind == EV_ASSIGN ? cfg_key_root(e->key, &root) : 0;
			if (!n || root != e->key || strncmp(e->key + n, "->", 2) != 0)
				continue;
			for (size_t k = 0; k < c->nparams; k++)
				if (strlen(c->params[k]) == n && strncmp(c->params[k], root, n) == 0)
					return true;
		}
	return false;
}

static bool split_by_return_value(const struct analysis *res, const char *key)
{
	if (released_unheld_beside_taken(res, key))
		return false;
	int c0 = modes_count_at(&res->exits[0], key), c1 = c0;
	uint8_t b0 = 0, b1 = 0, p0 = 0, p1 = 0;
	for (size_t i = 0; i < res->nexits; i++) {
		int c = modes_count_at(&res->exits[i], key);
		uint8_t bits = res->exits[i].bits;
		/* A function returning a pointer that hands back a computed pointer holding the
		 * lock, and NULL or ERR_PTR without it: a lookup that returns its result locked. */
		uint8_t as_ptr = res->cfg->returns_pointer && bits == VB_ANY ? VB_PTR : bits;
		if (c == c0) {
			b0 |= bits;
			p0 |= as_ptr;
		} else {
			if (c1 != c0 && c != c1)
				return false;	/* three different counts */
			c1 = c;
			b1 |= bits;
			p1 |= as_ptr;
		}
	}
	if (c0 > c1)
		b0 = p0;
	else
		b1 = p1;
	if (b0 & b1)
		return false;
	int hi = c0 > c1 ? c0 : c1;
	uint8_t held = c0 > c1 ? b0 : b1;
	if (!(held & ~(VB_NEG | VB_ERRPTR)))
		return false;
	/* An int function that may return an errno holding it: the error path forgot the
	 * unlock (ZFS returns positive errnos from a variable: nonzero takes in NEG too). */
	if (!res->cfg->returns_pointer && (held & VB_NEG))
		return false;
	bool whole;
	size_t n;
	const char *to;
	/* A local held on success by a function that hands its result out through a `T **`
	 * parameter: the hold goes with the result (dmu_objset_hold keeps the pool held). */
	bool hands_out = res->cfg->out_params && !(held & (VB_NEG | VB_ERRPTR));
	return !cfg_key_is_local(res->cfg, key) || returns_root(res, key, hi) || hands_out ||
	       cfg_out_param((struct cfg *)res->cfg, key, &whole, &n, &to) >= 0 ||
	       (held == VB_ZERO && fills_param_object(res->cfg));
}

/* The count most returns agree on, preferring balance (0) when any return is balanced. */
static int expected_count(const struct analysis *res, const char *key)
{
	int best = 0, best_n = -1;
	for (size_t i = 0; i < res->nexits; i++) {
		int c = modes_count_at(&res->exits[i], key), n = 0;
		if (c == 0)
			return 0;
		for (size_t j = 0; j < res->nexits; j++)
			n += modes_count_at(&res->exits[j], key) == c;
		if (n > best_n) {
			best = c;
			best_n = n;
		}
	}
	return best;
}

/* How many return statements the n exits x[] end at (several paths may end at one). */
static size_t distinct_returns(const struct exit_state *const *x, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < i && x[j]->blk != x[i]->blk)
			j++;
		k += j == i;
	}
	return k;
}

static void cond_notes(struct draft *d, const struct exit_state *x, const struct lockent *l)
{
	cond_notes_of(d, x->state, l ? l->last : NULL);
}

/* The latest branches of the path, after the lock event (earlier ones explain nothing). */
static void cond_notes_of(struct draft *d, const struct lstate *s, const struct event *after)
{
	size_t shown = 0;
	for (uint16_t i = s->nconds; i-- > 0 && shown < FINDINGS_MAX_CONDS_PER_RETURN;) {
		const struct pathcond *c = &s->conds[i];
		if (after && loc_cmp(c->blk->test.loc, after->loc) < 0)
			break;
		note(d, c->blk->test.loc, arena_printf(d->run, "taken when '%s' is %s", c->blk->test.text,
						       c->value ? "true" : "false"));
		shown++;
	}
}

static int exit_cmp(const void *a, const void *b)
{
	const struct exit_state *x = *(const struct exit_state *const *)a, *y = *(const struct exit_state *const *)b;
	return loc_cmp(x->blk->ret.loc, y->blk->ret.loc);
}

struct imbalance {
	const char *key, *text;
	int expect;
	const struct exit_state **bad, **good;
	size_t nbad, ngood;
	bool released;	/* bad paths hold less than expected */
};

static void offending_notes(struct draft *d, const struct imbalance *im)
{
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (l && l->last && l->last->kind == EV_LOCK)
			note(d, l->last->loc, arena_printf(d->run, "'%s' %s here by '%s'", im->text,
							   l->last->effect == LE_RELEASE ? "released" : "acquired", l->last->prim));
	}
	for (size_t i = 0; i < im->nbad; i++) {
		const struct exit_state *x = im->bad[i];
		const struct lockent *l = lstate_lock(x->state, im->key);
		cond_notes(d, x, l);
		note(d, x->blk->ret.loc, arena_printf(d->run, im->released ? "returns here without '%s'" :
						       "returns here with '%s' held", im->text));
	}
	for (size_t i = 0; i < im->ngood; i++) {
		const struct lockent *l = lstate_lock(im->good[i]->state, im->key);
		if (!l || !l->last || l->last->kind != EV_LOCK)
			continue;	/* a callee's uncertain way has no event of its own */
		bool acq = l->last->effect != LE_RELEASE;
		note(d, l->last->loc, arena_printf(d->run, "the other paths %s '%s' here by '%s'",
						   acq ? (im->released ? "re-acquire" : "acquire") : "release", im->text, l->last->prim));
	}
}

static const struct event *first_break(const struct imbalance *im)
{
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (l && l->brk && l->count > im->expect)
			return l->brk;
	}
	return NULL;
}

/* A release on a path that never took the lock, while the other paths took it (rather
 * than drop a lock held on entry and take it back, as the VFS helper does). */
static const struct event *unheld_release(const struct imbalance *im)
{
	if (im->expect != 0)
		return NULL;
	for (size_t i = 0; i < im->ngood; i++) {
		const struct lockent *l = lstate_lock(im->good[i]->state, im->key);
		if (l && (l->flags & LS_ENTRY))
			return NULL;
	}
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (l && l->count < 0 && (l->flags & LS_ENTRY) && !(l->flags & LS_ACQ_FIRST))
			return l->last;
	}
	return NULL;
}

static void report_imbalance(struct finding_list *out, struct draft *d, struct imbalance *im)
{
	const struct analysis *res = d->res;
	const struct exit_state **all = xcalloc(res->nexits, sizeof(*all));
	for (size_t i = 0; i < res->nexits; i++)
		all[i] = &res->exits[i];
	size_t nbad = distinct_returns(im->bad, im->nbad), nall = distinct_returns(all, res->nexits);
	free(all);
	char msg[512];
	const struct event *brk = first_break(im), *unheld = unheld_release(im);
	if (brk) {
		note(d, brk->loc, "'break' leaves the loop here");
		offending_notes(d, im);
		snprintf(msg, sizeof(msg), "'%s' is still held when 'break' leaves the loop", im->text);
		emit(out, d, FK_HELD_AT_BREAK, brk->loc, im->text, msg);
	} else if (unheld) {
		offending_notes(d, im);
		snprintf(msg, sizeof(msg), "'%s' is released by '%s' on a path where it was not acquired",
			 im->text, unheld->prim);
		emit(out, d, FK_RELEASE_UNHELD, unheld->loc, im->text, msg);
	} else {
		offending_notes(d, im);
		if (nall == 1)
			snprintf(msg, sizeof(msg), im->released ? "'%s' is released and not re-acquired on some paths to this return" :
				 "'%s' is still held on some paths to this return", im->text);
		else if (im->released)
			snprintf(msg, sizeof(msg), "'%s' is released and not re-acquired on %zu of %zu return paths",
				 im->text, nbad, nall);
		else
			snprintf(msg, sizeof(msg), "'%s' is still held on %zu of %zu return paths", im->text, nbad, nall);
		emit(out, d, FK_INCONSISTENT_RETURN, im->bad[0]->blk->ret.loc, im->text, msg);
	}
}

static const char *lock_text(const struct analysis *res, const char *key)
{
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (l && l->last && l->last->kind == EV_LOCK)
			return l->last->text;
	}
	return key;
}

/* Whether the function both takes and drops key somewhere (itself or through a callee).
 * One that only takes it (or only drops it) under a condition is a lock helper
 * (`if (need_lock) spin_lock(&p->l);`) whose callers pair it with its counterpart; what it
 * means is for the callers to say. */
static bool locks_both_ways(const struct analysis *res, const char *key)
{
	bool acq = false, rel = false;
	for (size_t i = 0; i < res->ntaken; i++)
		acq |= res->taken[i] == key;
	for (size_t i = 0; i < res->ndropped; i++)
		rel |= res->dropped[i] == key;
	return acq && rel;
}

/* Whether exit x may hand back what returns holding the lock hand back. */
static bool values_meet(const struct exit_state *x, uint8_t held_bits)
{
	return x->bits == VB_ANY || (x->bits & held_bits) != 0;
}

/* A lookup that returns its entry locked in the mode asked for (`find(name, mode)` takes
 * the entry's rwlock unless mode is RW_NONE), and NULL with nothing held: the lock is
 * held on return exactly when a flag the caller passed says so, except on returns whose
 * value tells the caller nothing was found.  (A function that returns no object and keeps
 * a lock when a flag says so looks just like an early return that forgot the unlock.) */
static bool split_by_flag_and_value(const struct analysis *res, const char *key)
{
	/* An int function qualifies when it returns 0 exactly where it keeps the lock
	 * (teardown(z, B_FALSE) returns 0 holding it, EIO without it, B_TRUE drops it). */
	int top = -128;
	for (size_t i = 0; i < res->nexits; i++)
		top = modes_count_at(&res->exits[i], key) > top ? modes_count_at(&res->exits[i], key) : top;
	for (size_t i = 0; i < res->nexits && !res->cfg->returns_pointer; i++)
		if (top <= 0 || (modes_count_at(&res->exits[i], key) == top && res->exits[i].bits != VB_ZERO))
			return false;
	int hi = -128;
	for (size_t i = 0; i < res->nexits; i++)
		hi = modes_count_at(&res->exits[i], key) > hi ? modes_count_at(&res->exits[i], key) : hi;
	const struct lstate *first = NULL;
	uint8_t held_bits = 0;
	for (size_t i = 0; i < res->nexits; i++)
		if (modes_count_at(&res->exits[i], key) == hi) {
			first = first ? first : res->exits[i].state;
			/* as in split_by_return_value: a pointer handed back holding it is not NULL */
			held_bits |= res->exits[i].bits == VB_ANY ? VB_PTR : res->exits[i].bits;
			if (res->exits[i].bits != VB_ANY && !(res->exits[i].bits & ~(VB_NEG | VB_ERRPTR)))
				return false;	/* an error return holding it: the classic missing unlock */
		}
	/* The flag is a branch the function takes, or what a callee's condition made of it. */
	for (uint16_t k = 0; first && k < first->nconds + first->nfacts; k++) {
		const char *test = lstate_known_key(first, k);
		int v = lstate_truth(first, test);
		bool ok = v >= 0, decides = false;
		if (!cfg_param_flag(res->cfg, cfg_resolve_aliases_in((struct cfg *)res->cfg, test)))
			continue;
		for (size_t i = 0; i < res->nexits && ok; i++) {
			const struct exit_state *x = &res->exits[i];
			int got = lstate_truth(x->state, test);
			if (modes_count_at(x, key) == hi)
				ok = got == v;
			else if (got == !v)
				decides = true;
			else
				ok = !values_meet(x, held_bits);
		}
		if (ok && decides)
			return true;
	}
	return false;
}

/* The lock is kept exactly on the returns where the caller passed a place for the result
 * (`if (zjpp != NULL) *zjpp = zjp; else unlock(&pr->mtx);`): asking for the object is
 * asking for it locked.  The flag is a `T **` parameter, tested as it is. */
static bool kept_for_out_param(const struct analysis *res, const char *key)
{
	const struct cfg *c = res->cfg;
	for (size_t p = 0; p < c->nparams && p < 32; p++) {
		if (!(c->out_params >> p & 1) || !c->params[p][0])
			continue;
		bool ok = true, held = false, bare = false;
		for (size_t i = 0; i < res->nexits && ok; i++) {
			int asked = lstate_truth(res->exits[i].state, c->params[p]);
			bool has = modes_count_at(&res->exits[i], key) > 0;
			ok = asked == (int)has;
			held |= has;
			bare |= !has;
		}
		if (ok && held && bare)
			return true;
	}
	return false;
}

/* Whether the function hands back no value: all its returns are `return;` or its end. */
static bool returns_nothing(const struct analysis *res)
{
	for (size_t i = 0; i < res->nexits; i++)
		if (res->exits[i].bits != VB_ANY || res->exits[i].blk->ret.var)
			return false;
	return true;
}

/* Whether the caller can name the lock: it hangs from a parameter it passed (`*vpp`,
 * `(*prp)->pr_mtx` after `*prp = pr`) or from the value returned.  A loop that stops at
 * the object it was looking for, locked, hands it over. */
static bool handed_out(const struct analysis *res, const char *key)
{
	bool whole;
	size_t n;
	const char *to;
	if (cfg_out_param((struct cfg *)res->cfg, key, &whole, &n, &to) >= 0)
		return true;
	const char *root;
	size_t rn = cfg_key_root(key, &root);
	for (size_t i = 0; rn && i < res->cfg->nparams; i++)
		if (strlen(res->cfg->params[i]) == rn && strncmp(res->cfg->params[i], root, rn) == 0 && root > key &&
		    root[-1] == '*')
			return true;	/* *vpp */
	return res->cfg->returns_pointer && returns_root(res, key, modes_count_at(&res->exits[0], key));
}

/* A lock held when a break left the loop that takes it, and still held at the end: even
 * when every path ends so (the only way out is the break), the loop's own unlock says it
 * was not meant to be kept. */
static void check_break_leak(struct finding_list *out, struct draft *d, const char *key)
{
	const struct analysis *res = d->res;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (!l || l->count <= 0 || !l->brk)
			continue;
		const struct exit_state *bad[1] = {&res->exits[i]};
		struct imbalance im = {.key = key, .text = lock_text(res, key), .expect = 0, .bad = bad, .nbad = 1};
		report_imbalance(out, d, &im);
		return;
	}
}

/* When every return without the lock is an error and some returns holding it are not,
 * the function is a conditional acquire whose error paths disagree: only the returns that
 * hold it while returning an error are wrong. */
static void keep_success_holds(struct imbalance *im, const struct analysis *res)
{
	if (res->cfg->returns_pointer || im->expect != 0)
		return;
	bool errors_only = true, success_held = false, error_held = false;
	for (size_t i = 0; i < im->ngood; i++)
		errors_only &= !(im->good[i]->bits & ~VB_NEG);
	for (size_t i = 0; i < im->nbad; i++) {
		bool err = !(im->bad[i]->bits & ~VB_NEG);
		error_held |= err;
		success_held |= !err && !(im->bad[i]->bits & VB_NEG) && modes_count_at(im->bad[i], im->key) > 0;
	}
	if (!errors_only || !success_held || !error_held)
		return;
	size_t k = 0;
	for (size_t i = 0; i < im->nbad; i++) {
		if (im->bad[i]->bits & ~VB_NEG)
			im->good[im->ngood++] = im->bad[i];
		else
			im->bad[k++] = im->bad[i];
	}
	im->nbad = k;
}

/* Whether every variable a condition names is a parameter or a global (a caller can
 * test it too): after the function's pointer copies are resolved, no local is left. */
static bool caller_visible(struct cfg *c, const char *key)
{
	key = cfg_resolve_aliases_in(c, key);
	for (const char *p = key; *p;) {
		if (!is_ident_char((unsigned char)*p) || (*p >= '0' && *p <= '9')) {
			p++;
			continue;
		}
		const char *e = p;
		while (is_ident_char((unsigned char)*e))
			e++;
		bool field = p > key && (p[-1] == '.' || p[-1] == '>');
		for (size_t k = 0; k < c->nlocals && !field && *e != '('; k++)
			if (strlen(c->locals[k]) == (size_t)(e - p) && strncmp(c->locals[k], p, (size_t)(e - p)) == 0)
				return false;
		p = e;
	}
	return true;
}

/* `if (need_lock) lock(&d->l);` with need_lock the caller's to know: a conditional lock
 * helper, paired by its callers with the matching unlock helper. */
static bool conditional_helper(const struct analysis *res, const char *key)
{
	if (modes_toggled_by_flag(res, key) || modes_dispatched_by_param(res, key))
		return true;
	if (res->cfg->nblocks > CFG_FLAG_HELPER_BLOCKS)
		return false;
	if (locks_both_ways(res, key))
		return false;	/* a helper only takes, or only drops */
	if (!returns_nothing(res) && !res->cfg->returns_pointer)
		return false;	/* an int says how it went: the value rules apply (if (err) return -1;) */
	bool held_when;
	const struct block *test = analysis_split_condition(res, key, &held_when);
	return test && cfg_helper_sized(res->cfg, test->test.key) && caller_visible((struct cfg *)res->cfg, test->test.key);
}

/* Whether p is key or a pointer on the way to it (`a` or `a->lock` for `a->lock`). */
static bool on_the_way(const char *key, const char *p)
{
	size_t n = strlen(p);
	return strncmp(key, p, n) == 0 && (!key[n] || key[n] == '.' || (key[n] == '-' && key[n + 1] == '>'));
}

static bool assigns(const struct block *b, const char *var)
{
	for (uint32_t i = 0; i < b->nevents; i++)
		if ((b->events[i].kind == EV_ASSIGN && b->events[i].key == var) || b->events[i].result == var)
			return true;
	return false;
}

/* Whether block b is reached only through branches that found every pointer on the way to
 * key non-NULL: walking back from b, each branch into it tests such a pointer, and b (or
 * the way to it) is on its true side.  With obj, through branches on obj or its fields
 * instead, either side. */
static bool reached_only_through(struct cfg *c, uint32_t b, const char *key, const char *obj)
{
	bool *seen = xcalloc(c->nblocks, sizeof(*seen));
	uint32_t *work = xcalloc(c->nblocks, sizeof(*work));
	size_t n = 0;
	bool ok = true;
	seen[b] = true;
	work[n++] = b;
	while (n && ok) {
		uint32_t cur = work[--n];
		for (uint32_t p = 0; p < c->nblocks && ok; p++)
			for (uint32_t k = 0; k < c->blocks[p]->nsucc && ok; k++) {
				if (c->blocks[p]->succ[k] != cur)
					continue;
				const struct block *pb = c->blocks[p];
				if (pb->term == T_BRANCH && obj)
					ok = on_the_way(pb->test.key, obj);	/* obj or one of its fields */
				else if (pb->term == T_BRANCH)
					ok = k == 0 && pb->test.kind == TEST_TRUTH &&
					     on_the_way(key, cfg_resolve_aliases_in(c, pb->test.key));
				else if (pb->term != T_GOTO)
					ok = false;
				if (ok && !seen[p]) {
					seen[p] = true;
					if (!obj || !assigns(pb, obj))	/* before obj is set, its tests do not matter */
						work[n++] = p;
				}
			}
	}
	free(seen);
	free(work);
	return ok;
}

/* Whether every way from the entry to block b passes side `side` (0: non-NULL, 1: NULL)
 * of a test of a pointer on the way to key; other tests on the way do not matter. */
static bool past_null_test(struct cfg *c, uint32_t b, const char *key, uint32_t side)
{
	bool *seen = xcalloc(c->nblocks, sizeof(*seen));
	uint32_t *work = xcalloc(c->nblocks, sizeof(*work));
	size_t n = 0;
	bool ok = b != 0;
	seen[b] = true;
	work[n++] = b;
	while (n && ok) {
		uint32_t cur = work[--n];
		for (uint32_t p = 0; p < c->nblocks && ok; p++)
			for (uint32_t k = 0; k < c->blocks[p]->nsucc && ok; k++) {
				const struct block *pb = c->blocks[p];
				if (pb->succ[k] != cur || seen[p])
					continue;
				if (pb->term == T_BRANCH && pb->test.kind == TEST_TRUTH &&
				    on_the_way(key, cfg_resolve_aliases_in(c, pb->test.key))) {
					ok = k == side;	/* decided on this way: no need to look further back */
					continue;
				}
				seen[p] = true;
				ok = p != 0;	/* the entry, reached without the test */
				work[n++] = p;
			}
	}
	free(seen);
	free(work);
	return ok;
}

/* An unlock helper that skips the release only when the lock's pointer is NULL
 * (`if (a && a->lock) unlock(a->lock);` on its argument a): whoever holds the lock passes
 * a non-NULL one. */
static bool null_guarded_release(const struct analysis *res, const char *key)
{
	struct cfg *c = (struct cfg *)res->cfg;
	bool skipped = false;
	const char *root;
	size_t rn = cfg_key_root(key, &root);
	bool param = false;
	for (size_t i = 0; i < c->nparams && rn; i++)
		param |= strlen(c->params[i]) == rn && strncmp(c->params[i], root, rn) == 0;
	if (!param || !(root == key || (root == key + 1 && key[0] == '&')))
		return false;	/* the caller's object, not one this function looked up */
	for (size_t i = 0; i < res->ntaken; i++)
		if (res->taken[i] == key)
			return false;
	for (size_t i = 0; i < res->nexits; i++) {
		int n = modes_count_at(&res->exits[i], key);
		if (n > 0)
			return false;
		skipped |= n == 0;
	}
	const char *full = cfg_resolve_aliases_in(c, key);
	bool strict = skipped, relaxed = skipped;
	for (uint32_t b = 0; b < c->nblocks && (strict || relaxed); b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind != EV_LOCK || e->effect != LE_RELEASE || e->key != key)
				continue;
			strict = strict && reached_only_through(c, b, full, NULL);
			relaxed = relaxed && past_null_test(c, b, full, 0);
		}
	/* Relaxed: other tests may sit between the NULL test and the release, as long as
	 * every return that keeps the lock is reached only past the NULL side. */
	for (size_t i = 0; i < res->nexits && relaxed && !strict; i++)
		relaxed = modes_count_at(&res->exits[i], key) != 0 || past_null_test(c, res->exits[i].blk->id, full, 1);
	return strict || relaxed;
}

/* Whether event e of the CFG takes key: a primitive on it, or the call whose summary
 * took it on some way out (the exits' last event on it is made at the call's place). */
static bool takes_at(const struct analysis *res, const struct event *e, const char *key)
{
	if (e->kind == EV_LOCK)
		return e->key == key;
	if (e->kind != EV_CALL)
		return false;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (l && l->count > 0 && l->last && l->last->kind == EV_LOCK && l->last->effect == LE_ACQUIRE &&
		    l->last->loc.line == e->loc.line && l->last->loc.col == e->loc.col)
			return true;
	}
	return false;
}

/* The local a function hands out through its one `T **` parameter (`*zvp = zv;`), or NULL. */
static const char *handed_out_local(struct cfg *c)
{
	int out = -1;
	for (size_t i = 0; i < c->nparams && i < 32; i++)
		if (c->out_params >> i & 1)
			out = out < 0 ? (int)i : -2;
	if (out < 0)
		return NULL;
	const char *obj = NULL;
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind != EV_ASSIGN || e->by_address || !e->prim || e->key[0] != '*' ||
			    strcmp(e->key + 1, c->params[out]) != 0)
				continue;
			if (!cfg_key_is_local(c, e->prim) || (obj && strcmp(obj, e->prim) != 0))
				return NULL;
			obj = cfg_intern(c, e->prim, strlen(e->prim));
		}
	return obj;
}

/* A function that returns one object, locked when a test of that object says so (`if
 * (fm->owner->switchdev) lock(&fm->lock); return fm;`): its callers ask the object the
 * same question to unlock it.  Or one that hands its object out through its one `T **`
 * parameter, and takes a lock (of the object or not) only where the object says so (`if
 * (zv->zv_volmode == GEOM) g_topology_lock(); ... *zvp = zv;`). */
static bool locked_when_object_says(const struct analysis *res, const char *key)
{
	struct cfg *c = (struct cfg *)res->cfg;
	const char *obj = NULL;
	if (locks_both_ways(res, key))
		return false;
	if (!c->returns_pointer) {
		obj = handed_out_local(c);
	} else {
		for (size_t i = 0; i < res->nexits; i++) {
			const char *v = res->exits[i].blk->ret.var;
			if (!v || (obj && v != obj) || !(hangs_from(key, v) || hangs_from(key, cfg_resolve_alias(c, v))))
				return false;
			obj = v;
		}
	}
	bool any = false;
	for (uint32_t b = 0; b < c->nblocks && obj; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (!takes_at(res, e, key))
				continue;
			if (!reached_only_through(c, b, key, obj))
				return false;
			any = true;
		}
	return any;
}

/* Whether block b reaches exit through blocks without events, in at most depth steps. */
static bool reaches_exit_bare(const struct cfg *c, uint32_t b, const struct block *exit, const char *result, int depth)
{
	const struct block *bl = c->blocks[b];
	if (bl == exit)
		return !bl->nevents;
	if (bl->nevents || depth == 0 || (bl->term == T_BRANCH && bl->test.key != result))
		return false;	/* a test of anything but the try's own result reads what the lock guards */
	for (uint32_t k = 0; k < bl->nsucc; k++)
		if (reaches_exit_bare(c, bl->succ[k], exit, result, depth - 1))
			return true;
	return false;
}

/* Whether the function returns right after a try took the lock, doing nothing under it
 * (`if (trylock(&l) == 0) { ... } return 0;` in a test that expects the try to fail): it
 * probes the lock, it does not use it. */
static bool returns_untouched_after_try(const struct cfg *c, const struct exit_state *x, const char *key)
{
	const struct lockent *l = lstate_lock(x->state, key);
	const struct event *e = l ? l->last : NULL;
	if (!e || e->effect != LE_TRY || (e->flags & LP_BLOCKING) || !e->result)
		return false;	/* pthread_mutex_lock is a try that fails only on misuse */
	uint32_t from = UINT32_MAX;
	for (uint32_t b = 0; b < c->nblocks && from == UINT32_MAX; b++)
		if (c->blocks[b]->nevents && &c->blocks[b]->events[c->blocks[b]->nevents - 1] == e)
			from = b;	/* the try must be the block's last event */
	const struct block *bl = from == UINT32_MAX ? NULL : c->blocks[from];
	int took = lstate_cond(x->state, e->result);	/* the way the test of the try went here */
	if (!bl || bl->term != T_BRANCH || bl->test.key != e->result || took < 0)
		return false;
	return reaches_exit_bare(c, bl->succ[took ? 0 : 1], x->blk, e->result, 8);
}

/* A lock named through a local that the function never takes, only drops
 * (`vn_vget_ino_gen(..., &dvp); VOP_UNLOCK(dvp);`): a local was not held on entry, so an
 * unknown call handed it over locked. */
static bool dropped_from_unknown_source(const struct analysis *res, const char *key)
{
	for (size_t i = 0; i < res->ntaken; i++)
		if (res->taken[i] == key)
			return false;
	for (size_t i = 0; i < res->nexits; i++)
		if (modes_count_at(&res->exits[i], key) > 0)
			return false;
	return cfg_key_is_local(res->cfg, key) && cfg_key_is_local(res->cfg, cfg_resolve_alias((struct cfg *)res->cfg, key));
}

/* The function returns a value that names the lock it took (`ret = DLT_PARENT` after
 * taking the parent's lock, DLT_NONE when it took none): the lock is held on exactly the
 * returns of one such value, and its callers pass it to the matching unlock. */
static bool returns_which_lock(const struct analysis *res, const char *key)
{
	const char *var = res->exits[0].blk->ret.var;
	for (size_t i = 0; i < res->nexits; i++)
		if (!var || res->exits[i].blk->ret.var != var)
			return false;
	size_t n = strlen(var);
	const struct lstate *first = NULL;
	for (size_t i = 0; i < res->nexits && !first; i++)
		if (modes_count_at(&res->exits[i], key) > 0)
			first = res->exits[i].state;
	for (uint16_t k = 0; first && k < first->nfacts; k++) {
		const char *f = first->facts[k].key;
		if (strncmp(f, var, n) != 0 || strncmp(f + n, "==", 2) != 0 || lstate_truth(first, f) != 1)
			continue;
		bool ok = true;
		for (size_t i = 0; i < res->nexits && ok; i++)
			ok = lstate_truth(res->exits[i].state, f) == (modes_count_at(&res->exits[i], key) > 0);
		if (ok)
			return true;
	}
	return false;
}

/* A function that only takes the lock, by a call whose value it stores in the caller's
 * object (`tx->tx_txg = txg_hold_open(...)`): the object says whether the lock is held,
 * for the callers and their release helpers to test. */
static bool recorded_in_object(const struct analysis *res, const struct imbalance *im)
{
	if (locks_both_ways(res, im->key))
		return false;	/* it drops it on some ways itself: those that do not are wrong */
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		const char *r = l && l->count > 0 && l->last && l->last->effect == LE_ACQUIRE ? l->last->result : NULL;
		if (r)	/* `struct arg *a = arg;`: a is the parameter */
			r = cfg_resolve_aliases_in((struct cfg *)res->cfg, r);
		const char *arrow = r ? strstr(r, "->") : NULL;
		bool param = false;
		for (size_t k = 0; arrow && k < res->cfg->nparams; k++)
			param |= strlen(res->cfg->params[k]) == (size_t)(arrow - r) &&
				 strncmp(res->cfg->params[k], r, (size_t)(arrow - r)) == 0;
		if (!param)
			return false;
	}
	return im->nbad > 0;
}

/* Where the function records the lock in an object it hands its caller through a `T **`
 * parameter (`zl->zl_rwlock = rwlp; ... *zlpp = zl;`, a stack of held locks the caller's
 * unlock helper pops): the place of the later of the two stores; line 0 if none. */
static struct loc recorded_for_caller(const struct cfg *c, const char *key)
{
	struct loc at = {0, 0};
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			const char *arrow, *root;
			if (e->kind != EV_ASSIGN || e->by_address || !e->prim || strcmp(e->prim, key) != 0 ||
			    !(arrow = strstr(e->key, "->")) || cfg_key_root(e->key, &root) != (size_t)(arrow - e->key))
				continue;
			for (uint32_t b2 = 0; b2 < c->nblocks; b2++)
				for (uint32_t k = 0; k < c->blocks[b2]->nevents; k++) {
					const struct event *o = &c->blocks[b2]->events[k];
					if (o->kind != EV_ASSIGN || o->by_address || !o->prim || o->key[0] != '*' ||
					    strlen(o->prim) != (size_t)(arrow - e->key) || strncmp(o->prim, e->key, (size_t)(arrow - e->key)) != 0)
						continue;
					for (size_t p = 0; p < c->nparams && p < 32; p++)
						if ((c->out_params >> p & 1) && c->params[p][0] && strcmp(o->key + 1, c->params[p]) == 0) {
							struct loc later = e->loc.line > o->loc.line ? e->loc : o->loc;
							if (!at.line || later.line < at.line)
								at = later;
						}
				}
		}
	return at;
}

/* Whether event e stores, into a field of an object a parameter points to, the value that
 * names key's lock (its index or its handle: `ret->hv = hv` with locks[hv & mask]). */
static bool stores_lock_name(struct cfg *c, const struct event *e, const char *key)
{
	if (e->kind != EV_ASSIGN || e->by_address || !e->prim || !strstr(e->key, "->") ||
	    cfg_stored_through(c, cfg_resolve_aliases_in(c, e->key)) < 0)
		return false;
	const char *v = cfg_resolve_alias(c, e->prim);
	return lstate_key_mentions(key, e->prim) || (v != e->prim && strstr(key, v) != NULL);
}

/* After the lock was taken and before every return that holds it, the function stored
 * what names the lock in its caller's object (lru_pull_tail's `ret_it->hv = hv` when its
 * caller asked for the item back locked): the caller can name it and unlock it. */
static bool lock_named_for_caller(const struct analysis *res, const struct imbalance *im)
{
	struct cfg *c = (struct cfg *)res->cfg;
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (!l || l->count <= 0 || !l->last)
			return false;
		bool stored = false;
		for (uint32_t b = 0; b < c->nblocks && !stored; b++)
			for (uint32_t k = 0; k < c->blocks[b]->nevents && !stored; k++) {
				const struct event *e = &c->blocks[b]->events[k];
				stored = loc_cmp(l->last->loc, e->loc) < 0 && loc_cmp(e->loc, im->bad[i]->blk->ret.loc) < 0 &&
					 stores_lock_name(c, e, im->key);
			}
		if (!stored)
			return false;
	}
	return im->nbad > 0;
}

/* Every offending exit returns after the function recorded the lock for its caller. */
static bool recorded_before_bad_exits(const struct analysis *res, const struct imbalance *im)
{
	struct loc at = recorded_for_caller(res->cfg, im->key);
	for (size_t i = 0; at.line && i < im->nbad; i++)
		if (im->bad[i]->blk->ret.loc.line <= at.line)
			return false;
	return at.line && im->nbad > 0;
}

/* Every exit passed the lock on to a call that may have taken it. */
static bool handed_at_every_exit(const struct analysis *res, const char *key)
{
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (!l || !(l->flags & LS_HANDED))
			return false;
	}
	return res->nexits > 0;
}

/* Every exit that holds too much passed the lock on to a call that may have taken it. */
static bool handed_on_every_bad_way(const struct imbalance *im)
{
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (!l || !(l->flags & LS_HANDED))
			return false;
	}
	return im->nbad > 0;
}

static bool inherited_only(const struct imbalance *im)
{
	for (size_t i = 0; i < im->nbad; i++) {
		const struct lockent *l = lstate_lock(im->bad[i]->state, im->key);
		if (!l || !l->last || !l->last->inherited)
			return false;
	}
	return im->nbad > 0;
}

/* Whether the function stores both a zero and a nonzero constant to key, a member of an
 * object its caller passed, and tests it. */
static bool flag_in_param_object(const struct cfg *c, const char *key)
{
	bool zero = false, set = false, tested = false;
	if (cfg_stored_through(c, cfg_resolve_aliases_in((struct cfg *)c, key)) < 0)
		return false;
	for (uint32_t b = 0; b < c->nblocks; b++) {
		const struct block *bl = c->blocks[b];
		tested |= bl->term == T_BRANCH && bl->test.key == key;
		for (uint32_t i = 0; i < bl->nevents; i++)
			if (bl->events[i].kind == EV_ASSIGN && !bl->events[i].by_address && bl->events[i].key == key) {
				zero |= bl->events[i].flags == VB_ZERO;
				set |= bl->events[i].flags && !(bl->events[i].flags & VB_ZERO);
			}
	}
	return zero && set && tested;
}

/* What the path left in flag: the last store or test of it, -1 if neither. */
static int flag_at_exit(const struct lstate *s, const char *flag)
{
	uint8_t f = lstate_fact(s, flag);
	if (f != VB_ANY)
		return f == VB_ZERO ? 0 : !(f & VB_ZERO) ? 1 : -1;
	return lstate_cond(s, flag);
}

/* Whether the event at `at` (a lock primitive, or the call a summary's effect came from)
 * is followed in its block, before any other call, by a store to flag. */
static bool flag_stored_after(const struct cfg *c, struct loc at, const char *flag)
{
	for (uint32_t b = 0; b < c->nblocks; b++) {
		const struct block *bl = c->blocks[b];
		uint32_t i = 0;
		while (i < bl->nevents && loc_cmp(bl->events[i].loc, at) != 0)
			i++;
		for (i++; i < bl->nevents && bl->events[i].kind == EV_ASSIGN; i++)
			if (bl->events[i].key == flag)
				return true;
	}
	return false;
}

/* Whether exit x took or dropped key last as the flag says, having stored it right after:
 * -1 if the path did neither (or renamed the lock since), else 1 when it agrees and 0
 * when it does not. */
static int agrees_with_flag(const struct analysis *res, const struct exit_state *x, const char *key, const char *flag)
{
	const struct lockent *l = lstate_lock(x->state, key);
	if (!l || !l->last || l->last->kind != EV_LOCK)
		return -1;
	return flag_at_exit(x->state, flag) == (l->last->effect != LE_RELEASE) &&
	       flag_stored_after(res->cfg, l->last->loc, flag);
}

/* How the returns that took or dropped key last agree with flag: bit 0, one that took it
 * agrees; bit 1, one that dropped it agrees; bit 2, some return disagrees. */
static unsigned flag_agreement(const struct analysis *res, const char *key, const char *flag)
{
	unsigned m = 0;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		int a = agrees_with_flag(res, &res->exits[i], key, flag);
		if (a == 0)
			m |= 4;
		else if (a == 1)
			m |= l->last->effect != LE_RELEASE ? 1u : 2u;
	}
	return m;
}

/* A member of the caller's object in which the function keeps whether it holds key (an
 * iterator's `bucket_locked`: set when the bucket is taken, cleared when it is dropped,
 * tested to know whether to drop it), or a flag it hands out (`*locked = 0` where it
 * dropped the caller's lock): every return that took or dropped key says which in it
 * (*all set), or, when some return does not, returns that took it and returns that
 * dropped it both do (the member is kept both ways, and the one return that forgot is the
 * bug), or a return that dropped it clears the flag it hands out.  NULL if none.  Calls
 * hand the hold to each other through the object. */
static const char *mirror_flag(const struct analysis *res, const char *key, bool *all)
{
	struct cfg *c = (struct cfg *)res->cfg;
	for (uint32_t b = 0; b < c->nblocks; b++) {
		const struct block *bl = c->blocks[b];
		for (uint32_t k = 0; k <= bl->nevents; k++) {	/* the test, then what is stored */
			const char *flag = k == 0 ? (bl->term == T_BRANCH ? bl->test.key : NULL) :
				bl->events[k - 1].kind == EV_ASSIGN && bl->events[k - 1].flags ? bl->events[k - 1].key : NULL;
			if (!flag || !(k == 0 ? flag_in_param_object(c, flag) : cfg_out_flag(c, flag)))
				continue;
			unsigned m = flag_agreement(res, key, flag);
			*all = (m & 3) && !(m & 4);
			if (*all || (m & 3) == 3 || (k > 0 && (m & 2)))
				return flag;
		}
	}
	return NULL;
}

static bool mirrored_in_object(const struct analysis *res, const char *key)
{
	bool all = false;
	return mirror_flag(res, key, &all) && all;
}

static void check_key(struct finding_list *out, struct draft *d, const char *key)
{
	const struct analysis *res = d->res;
	/* A helper that only takes (or only drops) a lock under a condition and hands back
	 * nothing to say which: its callers pair it with its counterpart. */
	if (!locks_both_ways(res, key) && returns_nothing(res))
		return;
	int first = modes_count_at(&res->exits[0], key);
	size_t i;
	for (i = 1; i < res->nexits && modes_count_at(&res->exits[i], key) == first; i++)
		;
	if (i == res->nexits) {
		if (first > 0 && locks_both_ways(res, key) && !handed_out(res, key) &&
		    !(handed_at_every_exit(res, key) && analysis_consumed_outside(res, key)))
			check_break_leak(out, d, key);
		return;
	}
	if (split_by_return_value(res, key) || conditional_helper(res, key) || split_by_flag_and_value(res, key) ||
	    kept_for_out_param(res, key) || marks_returned_object(res, key) ||
	    goes_with_returned_object(res, key) || null_guarded_release(res, key) || locked_when_object_says(res, key) ||
	    dropped_from_unknown_source(res, key) || returns_which_lock(res, key) || mirrored_in_object(res, key))
		return;
	struct imbalance im = {.key = key, .text = lock_text(res, key), .expect = expected_count(res, key)};
	im.bad = xcalloc(res->nexits, sizeof(*im.bad));
	im.good = xcalloc(res->nexits, sizeof(*im.good));
	bool all;
	const char *flag = mirror_flag(res, key, &all);
	for (i = 0; i < res->nexits; i++) {
		if (modes_count_at(&res->exits[i], key) == im.expect || (flag && agrees_with_flag(res, &res->exits[i], key, flag) == 1))
			im.good[im.ngood++] = &res->exits[i];
		else
			im.bad[im.nbad++] = &res->exits[i];
	}
	keep_success_holds(&im, res);
	bool held = im.nbad && modes_count_at(im.bad[0], key) > im.expect;
	bool probe = held || !im.nbad;	/* none left: every return the flag does not explain is fine */
	for (size_t k = 0; k < im.nbad && probe; k++)
		probe = returns_untouched_after_try(res->cfg, im.bad[k], key);
	if (probe) {
		free(im.bad);
		free(im.good);
		return;
	}
	if (inherited_only(&im) || (held && analysis_handed_to_callback(res, key)) || (held && recorded_in_object(res, &im)) ||
	    (held && handed_on_every_bad_way(&im) && analysis_consumed_outside(res, key)) ||
	    (held && lock_named_for_caller(res, &im)) ||
	    (held && recorded_before_bad_exits(res, &im))) {	/* the callee that breaks it is reported instead */
		free(im.bad);
		free(im.good);
		return;
	}
	qsort(im.bad, im.nbad, sizeof(*im.bad), exit_cmp);
	im.released = modes_count_at(im.bad[0], key) < im.expect;
	report_imbalance(out, d, &im);
	free(im.bad);
	free(im.good);
}

/* Whether exit x is reached through the failure of a try that fails only on misuse
 * (`if (pthread_mutex_lock(&l)) Assert(false);` with the assertion compiled out): such a
 * way says nothing of how the function balances the lock. */
static bool after_misuse(const struct exit_state *x, const char *key)
{
	const struct lockent *l = lstate_lock(x->state, key);
	return l && l->count == 0 && (l->flags & LS_TRY_FAILED) && l->last && l->last->kind == EV_LOCK &&
	       (l->last->flags & LP_BLOCKING);
}

/* check_key on the exits that do not come from a misused blocking lock. */
static void check_key_past_misuse(struct finding_list *out, struct draft *d, const char *key)
{
	const struct analysis *res = d->res;
	size_t n = 0;
	for (size_t i = 0; i < res->nexits; i++)
		n += !after_misuse(&res->exits[i], key);
	if (n == res->nexits || n == 0) {
		check_key(out, d, key);
		return;
	}
	struct analysis view = *res;
	struct exit_state *kept = xcalloc(n, sizeof(*kept));
	view.exits = kept;
	view.nexits = 0;
	for (size_t i = 0; i < res->nexits; i++)
		if (!after_misuse(&res->exits[i], key))
			kept[view.nexits++] = res->exits[i];
	d->res = &view;
	check_key(out, d, key);
	d->res = res;
	free(kept);
}

static const char *const annotation_words[] = {
	[ANN_ACQUIRES] = "returns without holding", [ANN_RELEASES] = "returns still holding",
	[ANN_MUST_HOLD] = "returns without holding", [ANN_TRY_ACQUIRES] = "returns without holding",
	[ANN_NO_CHECK] = "",
};

/* A try's promise depends on the value returned; its body is not checked against it. */
static bool keeps_annotation(int kind, int count)
{
	return kind == ANN_TRY_ACQUIRES || (kind == ANN_ACQUIRES ? count > 0 : kind == ANN_RELEASES ? count < 0 : count == 0);
}

/* An annotation is a promise to the callers: every return must keep it. */
static void check_annotation(struct finding_list *out, struct draft *d, const struct cfg_annotation *an)
{
	const struct analysis *res = d->res;
	size_t nbad = 0;
	const struct exit_state *first = NULL;
	for (size_t i = 0; i < res->nexits; i++) {
		const struct exit_state *x = &res->exits[i];
		if (keeps_annotation(an->kind, modes_count_at(x, an->key)))
			continue;
		if (!first || loc_cmp(x->blk->ret.loc, first->blk->ret.loc) < 0)
			first = x;
		int count = modes_count_at(x, an->key);	/* a release that did not happen leaves
							 * the caller's hold: count 0 is still held */
		bool holding = count > 0 || (an->kind == ANN_RELEASES && count == 0);
		note(d, x->blk->ret.loc, arena_printf(d->run, "returns here %s '%s'", holding ? "still holding" : "without",
						      an->text));
		nbad++;
	}
	if (!first)
		return;
	note(d, an->loc, arena_printf(d->run, "'%s' is declared %s(%s) here", res->cfg->name, an->name, an->text));
	char msg[512];
	snprintf(msg, sizeof(msg), "'%s' is declared %s(%s) but %s '%s' on %zu of %zu return paths", res->cfg->name,
		 an->name, an->text, annotation_words[an->kind], an->text, nbad, res->nexits);
	emit(out, d, FK_ANNOTATION_MISMATCH, first->blk->ret.loc, an->text, msg);
}

static bool annotated(const struct cfg *c, const char *key)
{
	for (size_t i = 0; i < c->nanns; i++)
		if (c->anns[i].key == key)
			return true;
	return false;
}

void findings_collect(struct finding_list *out, struct arena *run, const char *file, const struct analysis *res)
{
	const struct cfg *cfg = res->cfg;
	if (res->over_budget) {
		findings_notice(out, run, file, cfg->loc,
				arena_printf(run, "analysis budget exceeded in '%s' after %zu steps; no findings reported for it",
					     cfg->name, res->steps));
		return;
	}
	if (cfg->too_deep) {
		findings_notice(out, run, file, cfg->loc,
				arena_printf(run, "'%s' is nested deeper than %d levels; not analysed", cfg->name, CFG_MAX_DEPTH));
		return;
	}
	if (cfg->has_error)
		return;	/* a body the parser could not read: guesses would be noise */
	for (size_t i = 0; i < cfg->nanns; i++)
		if (cfg->anns[i].kind == ANN_NO_CHECK)
			return;	/* no_thread_safety_analysis: its authors asked for no checking; its
				 * summary (and its annotations) still serve its callers */
	struct draft d = {.run = run, .res = res, .file = file, .first = out->n};
	for (size_t i = 0; i < res->nissues; i++)
		event_finding(out, &d, &res->issues[i]);
	VEC(const char *) keys = {0};
	for (size_t i = 0; i < res->nexits; i++)
		for (uint16_t k = 0; k < res->exits[i].state->nlocks; k++) {
			const char *key = res->exits[i].state->locks[k].key;
			size_t j;
			for (j = 0; j < keys.n && keys.v[j] != key; j++)
				;
			if (j == keys.n)
				VEC_PUSH(&keys, key);
		}
	for (size_t i = 0; i < keys.n; i++)
		if (keys.v[i][0] != '?' && !annotated(cfg, keys.v[i]))	/* the annotation says what is right;
										 * an opaque hold has no name to report */
			check_key_past_misuse(out, &d, keys.v[i]);
	VEC_FREE(&keys);
	for (size_t i = 0; i < cfg->nanns; i++)
		check_annotation(out, &d, &cfg->anns[i]);
}

void findings_notice_copy(struct finding_list *out, const struct notice *n)
{
	if (out->nnotices == out->ncap) {
		out->ncap = out->ncap ? 2 * out->ncap : 8;
		out->notices = xrealloc(out->notices, out->ncap * sizeof(*out->notices));
	}
	out->notices[out->nnotices++] = *n;
}

void findings_notice(struct finding_list *out, struct arena *run, const char *file, struct loc loc, const char *message)
{
	findings_notice_copy(out, &(struct notice){file, loc, arena_strdup(run, message)});
}

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	c = loc_cmp(x->loc, y->loc);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->lock, y->lock);
}

void findings_sort(struct finding_list *out)
{
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), finding_cmp);
}

void findings_forget_functions(struct finding_list *l, const struct strset *fns, const struct strset *at)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].function || !strset_has(fns, l->v[i].function))
			l->v[k++] = l->v[i];
	l->n = k;
	k = 0;
	char where[32];
	for (size_t i = 0; i < l->nnotices; i++) {
		snprintf(where, sizeof(where), "%u:%u", l->notices[i].loc.line, l->notices[i].loc.col);
		if (!strset_has(at, where))
			l->notices[k++] = l->notices[i];
	}
	l->nnotices = k;
}

void findings_release(struct finding_list *out)
{
	free(out->v);
	free(out->notices);
	memset(out, 0, sizeof(*out));
}

int finding_kind_of(const char *name)
{
	for (int k = 0; k < FK_COUNT; k++)
		if (strcmp(finding_kind_name(k), name) == 0)
			return k;
	return -1;
}

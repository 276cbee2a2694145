/* callsite: a callee's summary applied where it is called.
 * Takes: a call event, the state before it, the callee's summary (summary.h).
 * Gives: the states after it, one per way the callee returns, with the callee's lock
 * effects bound to the call's arguments and its conditions to the caller's facts.
 * Owns: nothing (the engine's scratch arena). */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

/* `return f(x);`: what f hands back with its value, this function hands back with its. */
static bool returned_as_is(const struct cfg *c, const char *result)
{
	for (uint32_t b = 0; result && b < c->nblocks; b++)
		if (c->blocks[b]->term == T_RETURN && c->blocks[b]->ret.var == result && !c->blocks[b]->ret.negated)
			return true;
	return false;
}

static bool releases_directly(const struct cfg *c, const char *key)
{
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_LOCK && e->effect == LE_RELEASE && e->key == key)
				return true;
		}
	return false;
}

/* Who holds a lock a callee takes or drops for the owner its caller names in argument
 * eff->owner - 1: this function (0), its own caller through parameter i (1 + i), or an
 * object that holds it past this call (-1; see lockprim.owner_arg). */
static int effect_owner(const struct cfg *c, const struct event *call, const struct sum_effect *eff)
{
	unsigned k = eff->owner ? eff->owner - 1u : 0;
	if (!eff->owner || k >= call->nargs || (call->self_args >> k & 1))
		return 0;
	return cfg_tag_owner(c, call->args[k]);
}

/* One effect of a callee's summary, as a lock event at the call site. */
static void apply_effect(struct engine *en, struct lstate *n, const struct lstate *before,
			 const struct event *call, const struct sum_effect *eff, bool inherited)
{
	const char *key = summary_bind_key(en->mcfg, eff->key, call);
	int owner = effect_owner(en->cfg, call, eff);
	if (!key || owner < 0)
		return;
	/* A lock handed back with the return value counts only where this function drops it
	 * itself: passed on further, the path would have to follow the object. */
	if (strstr(eff->key, "$r") && !releases_directly(en->cfg, key) && !returned_as_is(en->cfg, call->result))
		return;
	/* A callee dropping a lock this function never touched, named through one of its
	 * locals (dmu_objset_rele(os) after an out-parameter hold): which lock that is, the
	 * path cannot say, and a local was not held on entry. */
	if (eff->delta == 0) {	/* the callee may or may not have changed it; one level up
				 * is as far as that doubt travels (no `last`: not passed on) */
		*lstate_lock_mut(en->a, n, key) = (struct lockent){.key = key, .flags = LS_FORGOTTEN};
		return;
	}
	const struct lockent *had = lstate_lock(n, key);
	const char *stored = eff->delta < 0 && (!had || had->count <= 0) ? engine_held_through_store(en, n, key) : NULL;
	if (!stored && eff->delta < 0 && (!had || had->count <= 0))
		stored = engine_held_through_handle(en, n, key);	/* item_trylock_unlock(lock) */
	if (!stored && eff->delta < 0 && (!had || had->count <= 0))
		stored = engine_held_through_copy(en, n, key);	/* unlock(inode) after inode = page->inode */
	if (stored)	/* zfs_dirent_unlock(dl) drops dl->dl_dzp->z_name_lock: dzp's, held here */
		had = lstate_lock(n, key = stored);
	struct event *ev = ARENA_NEW(en->a, struct event);
	*ev = (struct event){
		.kind = EV_LOCK, .effect = eff->delta > 0 ? LE_ACQUIRE : LE_RELEASE, .mode = eff->mode,
		.flags = eff->flags, .loc = call->loc, .origin = eff->loc, .key = key, .text = key,
		.prim = call->key, .span_start = call->span_start, .inherited = inherited, .result = call->result,
		.owner = (uint8_t)owner,
	};
	if (eff->delta < 0 && (!had || (had->count == 0 && !had->last)) && cfg_key_is_local(en->cfg, key)) {
		if (engine_consume_opaque(en, n, key))	/* what the hold handed out with os */
			lstate_lock_mut(en->a, n, key)->last = ev;
		return;
	}
	for (int k = eff->delta > 0 ? eff->delta : -eff->delta; k > 0; k--) {
		if (ev->effect == LE_ACQUIRE)
			engine_acquire(en, n, before, ev, true);
		else
			engine_release(en, n, before, ev);
	}
}

/* How many of case c's effects change a lock for sure (not a callee's maybe). */
static uint16_t sure_effects(const struct sum_case *c)
{
	uint16_t n = 0;
	for (uint16_t k = 0; k < c->neffects; k++)
		n += c->effects[k].delta != 0;
	return n;
}

static bool effects_differ(const struct summary *sum)
{
	for (uint16_t i = 1; i < sum->ncases; i++)
		if (sure_effects(&sum->cases[i]) != sure_effects(&sum->cases[0]))
			return true;
	return false;
}

/* Whether case c has effect eff (same key, same delta). */
static bool case_has(const struct sum_case *c, const struct sum_effect *eff)
{
	for (uint16_t k = 0; k < c->neffects; k++)
		if (strcmp(c->effects[k].key, eff->key) == 0 && c->effects[k].delta == eff->delta)
			return true;
	return false;
}

/* Applies the effects of case c to a copy of s; with common_only, just those every case
 * of the summary has (a callee whose ways of returning cannot be told apart). */
static struct lstate *apply_case(struct engine *en, const struct lstate *s, struct lstate *st,
				 const struct event *e, const struct summary *sum, uint16_t c, bool common_only)
{
	for (uint16_t k = 0; k < sum->cases[c].neffects; k++) {
		const struct sum_effect *eff = &sum->cases[c].effects[k];
		bool everywhere = true;
		for (uint16_t o = 0; o < sum->ncases && common_only; o++)
			everywhere &= case_has(&sum->cases[o], eff);
		if (!everywhere)
			continue;
		struct lstate *grown = lstate_copy(en->a, st);	/* one insertion per copy */
		apply_effect(en, grown, s, e, eff, sum->imbalanced && !sum->by_value);
		st = grown;
	}
	return st;
}

/* A callee whose ways differ on a lock and cannot be told apart (nor is it reported for
 * it): after the call the path does not know that lock's state, rather than guess. */
static void forget_uncertain(struct engine *en, struct lstate *st, const struct event *e, const struct summary *sum)
{
	for (uint16_t c = 0; c < sum->ncases; c++)
		for (uint16_t k = 0; k < sum->cases[c].neffects; k++) {
			const struct sum_effect *eff = &sum->cases[c].effects[k];
			bool everywhere = true;
			for (uint16_t o = 0; o < sum->ncases; o++)
				everywhere &= case_has(&sum->cases[o], eff);
			const char *key = everywhere ? NULL : summary_bind_key(en->mcfg, eff->key, e);
			if (key)	/* `last` says a callee made it uncertain (a summary passes that on) */
				*lstate_lock_mut(en->a, st, key) = (struct lockent){.key = key, .flags = LS_FORGOTTEN, .last = e};
		}
}

/* Every effect of every case comes from a lock that fails only on misuse. */
static bool only_blocking(const struct summary *sum)
{
	for (uint16_t c = 0; c < sum->ncases; c++)
		for (uint16_t k = 0; k < sum->cases[c].neffects; k++)
			if (!(sum->cases[c].effects[k].flags & LP_BLOCKING))
				return false;
	return true;
}

static bool constant_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* A constant passed for a parameter the callee branches on (`adapter_lock(a, -1)`, a
 * timeout of "wait for ever", `lock_entry(ref, false)` for "do not give up"): the caller
 * chose the way, the failing ways may not be reachable with it. */
static bool picks_a_mode(const struct event *e, const struct summary *sum)
{
	for (uint8_t i = 0; i < e->nargs && i < 32; i++) {
		const char *a = e->args[i];
		if (!a || !(sum->tested_params & (1u << i)) || (e->addr_args & (1u << i)))
			continue;
		if (*a == '-')
			a++;
		if ((*a >= '0' && *a <= '9') || constant_name(a) || bool_name_value(a, strlen(a)) >= 0)
			return true;
	}
	return false;
}

static uint16_t busiest_case(const struct summary *sum)
{
	uint16_t best = 0;
	for (uint16_t c = 1; c < sum->ncases; c++)
		if (sum->cases[c].neffects > sum->cases[best].neffects)
			best = c;
	return best;
}


/* The side of an unknown condition that the path's own locks decide: a release helper
 * guarded by a test on its argument (`if (!ctx || !ctx->cfg) return; unlock(&ctx->cfg->l)`)
 * called while the caller holds that lock takes its releasing way; the lock could not
 * have been taken through an object that fails the test.  Called where the path has
 * dropped the lock already (or never got it from a callee that may not take it), the
 * helper's test is there to skip the release: it takes the other way. */
static uint8_t release_side(struct engine *en, const struct lstate *s, const struct event *e,
			    const struct summary *sum)
{
	uint8_t side = VB_ANY;
	for (uint16_t c = 0; c < sum->ncases; c++)
		for (uint16_t k = 0; k < sum->cases[c].neffects; k++) {
			const struct sum_effect *eff = &sum->cases[c].effects[k];
			const char *key = eff->delta < 0 ? summary_bind_key(en->mcfg, eff->key, e) : NULL;
			const struct lockent *l = key ? lstate_lock(s, key) : NULL;
			const char *stored = key && (!l || l->count <= 0) ? engine_held_through_store(en, s, key) : NULL;
			if (stored)
				l = lstate_lock(s, stored);
			bool when = sum->cases[c].when == 1;
			if (sum->cases[c].when == SUM_WHEN_EITHER)
				continue;
			if (l && l->count > 0)
				side = when ? (uint8_t)(VB_ANY & ~VB_ZERO) : VB_ZERO;
			else if (l && (l->last || (l->flags & LS_NOT_TAKEN)) && side == VB_ANY)
				side = when ? VB_ZERO : (uint8_t)(VB_ANY & ~VB_ZERO);
		}
	return side;
}

/* A helper whose ways are told apart by a condition on its arguments: the condition,
 * bound at the call, is a fact of the caller's path, so `helper_lock(d); ...
 * helper_unlock(d);` with the same condition inside both stays paired. */
/* A condition that is a parameter as it is, given a constant or an address at the call:
 * `buf_insert(hdr, NULL)` takes the way without the lock, `buf_insert(hdr, &lock)` the
 * way with it. */
/* `$2!=RW_NONE` given RW_READER: two different constants are different values. */
static uint8_t compared_argument(const char *op, const char *arg)
{
	const char *k = op + 2;
	if (!constant_name(k) || !constant_name(arg))
		return VB_ANY;
	bool same = strcmp(k, arg) == 0;
	return (same == (op[0] == '=')) ? (uint8_t)(VB_ANY & ~VB_ZERO) : VB_ZERO;
}

static uint8_t flag_argument(const char *cond_key, const struct event *e)
{
	char *end;
	if (cond_key[0] != '$' || !(cond_key[1] >= '0' && cond_key[1] <= '9'))
		return VB_ANY;
	unsigned long n = strtoul(cond_key + 1, &end, 10);
	if (n >= e->nargs || !e->args[n])
		return VB_ANY;
	if ((end[0] == '=' || end[0] == '!') && end[1] == '=' && !(e->addr_args & (1u << n)))
		return compared_argument(end, e->args[n]);
	if (*end)
		return VB_ANY;
	if (e->addr_args & (1u << n))
		return VB_ANY & ~VB_ZERO;
	const char *a = e->args[n];
	if (!strcmp(a, "NULL") || !strcmp(a, "0") || bool_name_value(a, strlen(a)) == 0)
		return VB_ZERO;
	if (bool_name_value(a, strlen(a)) == 1 || (a[0] >= '1' && a[0] <= '9' && !a[strspn(a, "0123456789")]))
		return VB_ANY & ~VB_ZERO;
	return VB_ANY;
}

/* A callee whose value does not say whether it returns holding the lock keeps that in the
 * object it was given (dmu_tx_try_assign sets tx->tx_txg with the hold): what the caller
 * knew of the object before the call is stale. */
static void forget_arg_facts(struct lstate *st, const struct event *e)
{
	for (uint8_t i = 0; i < e->nargs; i++)
		if (e->args[i] && !(e->addr_args & (1u << i)) && is_identifier(e->args[i]))
			lstate_kill_pointee(st, e->args[i]);
}

/* On a way of the callee without a lock its other ways take, the path knows the lock is
 * not held (so a release helper that tests for it takes its way without the release). */
static void mark_not_taken(struct engine *en, struct lstate *st, const struct event *e,
			   const struct summary *sum, uint16_t c)
{
	for (uint16_t o = 0; o < sum->ncases; o++)
		for (uint16_t k = 0; o != c && k < sum->cases[o].neffects; k++) {
			const struct sum_effect *eff = &sum->cases[o].effects[k];
			if (eff->delta <= 0 || eff->key[0] == '?' || case_has(&sum->cases[c], eff))
				continue;
			const char *key = summary_bind_key(en->mcfg, eff->key, e);
			const struct lockent *l = key ? lstate_lock(st, key) : NULL;
			if (key && (!l || l->count == 0))
				lstate_lock_mut(en->a, st, key)->flags |= LS_NOT_TAKEN;
		}
}

/* Ways told apart by what the callee stores through an argument (`*overflow = true`):
 * each way once, with the caller's variable set to what that way stored, or left as the
 * caller had it on a way that stores nothing. */
static int apply_by_stored_value(struct engine *en, const struct lstate *s, const struct event *e,
				 const struct summary *sum, struct lstate **out)
{
	const char *cond = summary_bind_key(en->mcfg, sum->cond_key, e);
	int n = 0;
	for (uint16_t c = 0; c < sum->ncases && n < 4; c++) {
		struct lstate *st = lstate_copy(en->a, s);
		uint8_t when = sum->cases[c].when;
		if (cond && when != SUM_WHEN_EITHER)
			lstate_set_fact(en->a, st, cond, when ? (uint8_t)(VB_ANY & ~VB_ZERO) : VB_ZERO);
		if (e->result) {
			lstate_kill(st, e->result);
			lstate_forget_locks(st, e->result);
			if (sum->cases[c].bits != VB_ANY)
				lstate_set_fact(en->a, st, e->result, sum->cases[c].bits);
		}
		mark_not_taken(en, st, e, sum, c);
		out[n++] = apply_case(en, s, st, e, sum, c, false);
	}
	return n;
}

static int apply_by_condition(struct engine *en, const struct lstate *s, const struct event *e,
			      const struct summary *sum, struct lstate **out)
{
	if (sum->cond_written)
		return apply_by_stored_value(en, s, e, sum, out);
	const char *cond = summary_bind_key(en->mcfg, sum->cond_key, e);
	uint8_t known = cond ? lstate_fact(s, cond) : VB_ANY;
	uint8_t lit = flag_argument(sum->cond_key, e);
	if (lit != VB_ANY) {
		known = lit;
		cond = NULL;
	}
	if (known == VB_ANY)
		known = release_side(en, s, e, sum);
	int n = 0;
	for (uint16_t k = 0; k < 2 * sum->ncases && n < 4; k++) {
		uint16_t c = k % sum->ncases;
		uint8_t way = k < sum->ncases ? 0 : 1, side = way ? (uint8_t)(VB_ANY & ~VB_ZERO) : VB_ZERO;
		if (!(known & side) || (sum->cases[c].when != way && sum->cases[c].when != SUM_WHEN_EITHER))
			continue;
		struct lstate *st = lstate_copy(en->a, s);
		if (sum->imbalanced)
			forget_arg_facts(st, e);
		if (cond)
			lstate_set_fact(en->a, st, cond, known & side);
		if (e->result) {
			lstate_kill(st, e->result);
			lstate_forget_locks(st, e->result);
			if (sum->cases[c].bits != VB_ANY)	/* what this way returns */
				lstate_set_fact(en->a, st, e->result, sum->cases[c].bits);
		}
		mark_not_taken(en, st, e, sum, c);
		out[n++] = apply_case(en, s, st, e, sum, c, false);
	}
	return n;
}

static struct block *macro_return_block(struct engine *en, const struct event *e, const struct summary *sum, uint16_t c)
{
	for (size_t i = 0; i < en->macro_returns.n; i++)
		if (en->macro_returns.v[i].use == e && en->macro_returns.v[i].c == c)
			return en->macro_returns.v[i].blk;
	const struct sum_case *sc = &sum->cases[c];
	struct block *ret = ARENA_NEW(en->a, struct block);
	ret->term = T_RETURN;
	ret->ret = (struct retinfo){e->loc, sc->ret_var ? VB_ANY : sc->bits, NULL, false, false, NULL};
	if (sc->ret_var)
		ret->ret.var = cfg_intern(en->mcfg, sc->ret_var, strlen(sc->ret_var));
	VEC_PUSH(&en->macro_returns, ((struct macro_return){e, c, ret}));
	return ret;
}

/* The use of a macro whose body returns: on those paths the function returns right
 * there, with the macro's effects and the value its return statement names. */
static int apply_macro(struct engine *en, const struct lstate *s, const struct event *e, const struct summary *sum,
		       struct lstate **out)
{
	int goes_on = -1;
	for (uint16_t c = 0; c < sum->ncases; c++) {
		const struct sum_case *sc = &sum->cases[c];
		if (!sc->caller_returns) {
			goes_on = c;
			continue;
		}
		engine_finish(en, macro_return_block(en, e, sum, c), apply_case(en, s, lstate_copy(en->a, s), e, sum, c, false));
	}
	if (goes_on < 0)
		return 0;	/* every way through the macro returns */
	/* Several ways of going on (a macro that locks under a condition): what they share. */
	struct lstate *st = lstate_copy(en->a, s);
	for (uint16_t k = 0; k < sum->cases[goes_on].neffects; k++) {
		const struct sum_effect *eff = &sum->cases[goes_on].effects[k];
		bool everywhere = true;
		for (uint16_t o = 0; o < sum->ncases; o++)
			everywhere &= sum->cases[o].caller_returns || case_has(&sum->cases[o], eff);
		if (everywhere) {
			struct lstate *grown = lstate_copy(en->a, st);
			apply_effect(en, grown, s, e, eff, false);
			st = grown;
		}
	}
	out[0] = st;
	return 1;
}

/* A call of a function with a summary: one state per way it can return, each with the
 * effects of that way and, when the result is kept, what its value says. */
/* A callee that hands a lock back through *lockp on some ways: on a way without it, the
 * pointer is taken as NULL (buf_find sets `*lockp = NULL` when it finds nothing), so the
 * caller's `if (lock != NULL) mutex_exit(lock);` pairs with the way that took it. */
static void null_out_pointers(struct engine *en, struct lstate *st, const struct event *e,
			      const struct summary *sum, uint16_t c)
{
	for (uint16_t o = 0; o < sum->ncases; o++)
		for (uint16_t k = 0; o != c && k < sum->cases[o].neffects; k++) {
			const struct sum_effect *eff = &sum->cases[o].effects[k];
			if (eff->delta <= 0 || eff->key[0] != '*' || eff->key[1] != '$' || case_has(&sum->cases[c], eff))
				continue;
			const char *key = summary_bind_key(en->mcfg, eff->key, e);
			if (key && engine_worth_keeping(en, key))
				lstate_set_fact(en->a, st, key, VB_ZERO);
		}
}

int callsite_apply_summary(struct engine *en, const struct lstate *s, const struct event *e,
			   const struct summary *sum, struct lstate **out, int max)
{
	if (sum->noreturn)
		return 0;	/* the path ends at the call */
	if (sum->is_macro)
		return apply_macro(en, s, e, sum, out);
	if (sum->cond_key)
		return apply_by_condition(en, s, e, sum, out);
	/* Ways told apart by value split with a fact each; the ways of an imbalanced callee
	 * split too (without facts), so its breach reaches those who call it. */
	bool split = sum->ncases > 1 && (sum->by_value || sum->imbalanced);
	if (split && sum->by_value && !e->result && effects_differ(sum)) {
		if (only_blocking(sum) || picks_a_mode(e, sum)) {	/* lock_wrapper(m) around pthread_mutex_lock */
			out[0] = apply_case(en, s, lstate_copy(en->a, s), e, sum, busiest_case(sum), false);
			return 1;
		}
		engine_issue(en, EF_UNCHECKED_RESULT, e, NULL, s);
	}
	int n = 0;
	for (uint16_t c = 0; c < (split ? sum->ncases : 1) && n < max; c++) {
		struct lstate *st = lstate_copy(en->a, s);
		if (sum->imbalanced && !sum->by_value)
			forget_arg_facts(st, e);
		if (e->result) {
			lstate_kill(st, e->result);
			lstate_forget_locks(st, e->result);
			if (split && (sum->by_value || sum->cases[c].bits != VB_ANY))	/* what this way returns */
				lstate_set_fact(en->a, st, e->result, sum->cases[c].bits);
		}
		st = apply_case(en, s, st, e, sum, c, !split);
		if (!split)
			forget_uncertain(en, st, e, sum);
		else {
			null_out_pointers(en, st, e, sum, c);
			mark_not_taken(en, st, e, sum, c);
		}
		out[n++] = st;
	}
	return n;
}

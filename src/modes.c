/* modes: helpers that take or drop a lock as their caller asks, and the count of a lock at
 * a return (findings.c).
 * Takes: an analysis' exit states.  Gives: whether a lock's imbalance is a helper's
 * contract (a flag or a mode argument decides), and the count at an exit under any name
 * the path knows equal.  Owns: nothing. */
#include "modes.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Whether the n bytes at s are one identifier. */
static bool ident_span(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_ident_char((unsigned char)s[i]))
			return false;
	return true;
}

/* The count of key's lock named through the other side of an equality the path took
 * (`a != b` false, `a == b` true) that has key's root on one side; 0 if none.  The analysis
 * renames a local that equals another name on the edge; two names the callers both see
 * (zfs_enter_two's parameters, swapped into order) stay apart in the state and the
 * summary, and meet here: past `if (a != b)` taken false, b's lock is held as a's. */
static int count_under_equal_name(const struct exit_state *x, const char *key)
{
	const struct lstate *s = x->state;
	const char *root;
	size_t rn = cfg_key_root(key, &root);
	for (uint16_t k = 0; rn && k < s->nconds + s->nfacts; k++) {
		const char *t = lstate_known_key(s, k), *op = strstr(t, "==");
		bool eq = op != NULL;
		op = op ? op : strstr(t, "!=");
		int v = op ? lstate_truth(s, t) : -1;
		if (v < 0 || v != eq || !ident_span(t, (size_t)(op - t)) || !is_identifier(op + 2))
			continue;
		const char *other = NULL;
		size_t on = 0;
		if ((size_t)(op - t) == rn && strncmp(t, root, rn) == 0)
			other = op + 2, on = strlen(op + 2);
		else if (strlen(op + 2) == rn && strncmp(op + 2, root, rn) == 0)
			other = t, on = (size_t)(op - t);
		for (uint16_t i = 0; other && i < s->nlocks; i++) {
			const char *o = s->locks[i].key;
			size_t pre = (size_t)(root - key);
			if (s->locks[i].count && strncmp(o, key, pre) == 0 && strncmp(o + pre, other, on) == 0 &&
			    strcmp(o + pre + on, root + rn) == 0)
				return s->locks[i].count;
		}
	}
	return 0;
}

int modes_count_at(const struct exit_state *x, const char *key)
{
	const struct lockent *l = lstate_lock(x->state, key);
	return l && l->count ? l->count : count_under_equal_name(x, key);
}

/* A helper that takes the lock or drops it as its caller asks (`threadlock(int acquire)`:
 * lock when acquire, unlock otherwise): a parameter flag, known at every exit, says the
 * count there; one of its values takes the lock and the other drops it (a flag that only
 * skips the unlock is the classic leak, and stays reported). */
bool modes_toggled_by_flag(const struct analysis *res, const char *key)
{
	const struct exit_state *x0 = res->nexits ? &res->exits[0] : NULL;
	for (uint16_t k = 0; x0 && k < x0->state->nconds + x0->state->nfacts; k++) {
		const char *t = lstate_known_key(x0->state, k);
		if (!cfg_param_flag(res->cfg, t))
			continue;
		int count[2] = {0, 0};
		bool seen[2] = {false, false}, ok = true;
		for (size_t i = 0; i < res->nexits && ok; i++) {
			int v = lstate_truth(res->exits[i].state, t), c = modes_count_at(&res->exits[i], key);
			ok = v >= 0 && (!seen[v] || count[v] == c);
			if (ok) {
				seen[v] = true;
				count[v] = c;
			}
		}
		size_t tests = 0;	/* one branch chooses: a flag tested again around work is a lock
					 * taken under it and dropped under its negation, a slip */
		for (uint32_t b = 0; b < res->cfg->nblocks; b++)
			tests += res->cfg->blocks[b]->term == T_BRANCH && res->cfg->blocks[b]->test.key == t;
		if (ok && seen[0] && seen[1] && count[0] * count[1] < 0 && tests == 1)	/* one way takes, the other drops */
			return true;
	}
	return false;
}

/* The way exit x came through: the constant C of a known-true `param==C`, param being `p`
 * (n bytes), with the values of the #if conditions the path knows (a case whose #ifdef
 * part takes one more lock is another way in each configuration).  False if the path does
 * not say which value the parameter had. */
static bool way_taken(const struct exit_state *x, const char *p, size_t n, struct strbuf *way)
{
	way->len = 0;
	if (way->buf)
		way->buf[0] = '\0';
	bool found = false;
	for (uint16_t k = 0; k < x->state->nconds + x->state->nfacts; k++) {
		const char *t = lstate_known_key(x->state, k);
		if (!found && strncmp(t, p, n) == 0 && t[n] == '=' && t[n + 1] == '=' && lstate_truth(x->state, t) == 1) {
			sb_printf(way, "%s;", t + n + 2);
			found = true;
		}
	}
	for (uint16_t k = 0; found && k < x->state->nconds; k++) {
		const char *t = lstate_known_key(x->state, k);
		if (strncmp(t, "#if", 3) == 0)
			sb_printf(way, "%s=%d;", t, lstate_truth(x->state, t));
	}
	return found;
}

/* Whether event e matches how some exit's last touch of key released it: the same
 * primitive on key, or the same callee. */
static bool drops_like_an_exit(const struct analysis *res, const char *key, const struct event *e)
{
	if (e->kind == EV_LOCK)
		return e->key == key && e->effect == LE_RELEASE;
	for (size_t i = 0; e->kind == EV_CALL && i < res->nexits; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (l && l->count < 0 && l->last && l->last->kind == EV_CALL && strcmp(l->last->key, e->key) == 0)
			return true;
	}
	return false;
}

/* Whether a way that takes key (as an exit holding it last took it) can go on to drop it
 * again: a mode that takes and gives back, not one that keeps. */
static bool gives_back(const struct analysis *res, const char *key)
{
	const struct cfg *c = res->cfg;
	bool *seen = xcalloc(c->nblocks ? c->nblocks : 1, sizeof(*seen));
	VEC(uint32_t) todo = {0};
	bool found = false;
	for (size_t i = 0; i < res->nexits && !found; i++) {
		const struct lockent *l = lstate_lock(res->exits[i].state, key);
		if (!l || l->count <= 0 || !l->last)
			continue;
		for (uint32_t b = 0; b < c->nblocks && !found; b++) {
			const struct block *blk = c->blocks[b];
			if (l->last < blk->events || l->last >= blk->events + blk->nevents)
				continue;
			for (const struct event *e = l->last + 1; e < blk->events + blk->nevents && !found; e++)
				found = drops_like_an_exit(res, key, e);
			for (uint32_t k = 0; k < blk->nsucc; k++)
				VEC_PUSH(&todo, blk->succ[k]);
		}
	}
	while (todo.n && !found) {
		uint32_t b = todo.v[--todo.n];
		if (seen[b])
			continue;
		seen[b] = true;
		const struct block *blk = c->blocks[b];
		for (uint32_t k = 0; k < blk->nevents && !found; k++)
			found = drops_like_an_exit(res, key, &blk->events[k]);
		for (uint32_t k = 0; k < blk->nsucc; k++)
			VEC_PUSH(&todo, blk->succ[k]);
	}
	VEC_FREE(&todo);
	free(seen);
	return found;
}

/* A helper that takes or drops locks by a mode its caller passes (`set_paused(STOP_ALL)`
 * ... `set_paused(START_ALL)`, a switch on the mode): every return holding a different
 * count knows the case it came through, each case one count, and some cases take the lock
 * while others drop it, and no way takes it and gives it back.  Its callers pair the
 * modes; a case that leaks gives one case two counts, or takes and drops on its other
 * way, and stays reported. */
bool modes_dispatched_by_param(const struct analysis *res, const char *key)
{
	const struct exit_state *x0 = NULL;
	for (size_t i = 0; i < res->nexits && !x0; i++)
		if (modes_count_at(&res->exits[i], key) != 0)
			x0 = &res->exits[i];
	for (uint16_t k = 0; x0 && k < x0->state->nconds + x0->state->nfacts; k++) {
		const char *t = lstate_known_key(x0->state, k), *eq = strstr(t, "==");
		if (!eq || !cfg_param_flag(res->cfg, t) || lstate_truth(x0->state, t) != 1)
			continue;
		size_t n = (size_t)(eq - t);
		struct strbuf ways[16] = {{0}}, way = {0};
		int counts[16];
		size_t nways = 0;
		bool ok = true, took = false, dropped = false;
		for (size_t i = 0; i < res->nexits && ok; i++) {
			int c = modes_count_at(&res->exits[i], key);
			took |= c > 0;
			dropped |= c < 0;
			if (!way_taken(&res->exits[i], t, n, &way)) {
				ok = c == 0;
				continue;
			}
			size_t m = 0;
			while (m < nways && strcmp(sb_str(&ways[m]), sb_str(&way)) != 0)
				m++;
			if (m == nways && nways < 16) {
				sb_printf(&ways[nways], "%s", sb_str(&way));
				counts[nways++] = c;
			}
			ok = m < nways && counts[m] == c;
		}
		for (size_t m = 0; m < nways; m++)
			sb_release(&ways[m]);
		sb_release(&way);
		if (ok && took && dropped)
			return !gives_back(res, key);
	}
	return false;
}


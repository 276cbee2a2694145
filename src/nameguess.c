/* nameguess: the naming heuristic for calls the run cannot see (README, "Naming heuristic").
 * Takes: a call event with its arguments, the names its file calls, the primitives table.
 * Gives: the guess on the event (take or drop, the lock key, the try convention) when the
 * callee's name pairs with another name the file calls.  Owns: nothing (the cfg's arena). */
#include "nameguess.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

/* Name pairs that say "take" and "give back" (the second half of each row pairs with the
 * first): x_lock/x_unlock, x_enter/x_exit, x_acquire/x_release, LOCK_X/UNLOCK_X.  Not
 * x_get/x_put: on trees never used for tuning they named reference counts and pools
 * (json_object_get/put in FRRouting, rte_mempool_get/put in SPDK) far more often than
 * locks, and bench/realfix finds as many bugs without them. */
static const struct {
	const char *take, *give;
	bool prefix;
	bool fields;	/* also for calls through a field (ops->acquire): only the pair whose
			 * names say little else (->lock also names lookups, ->enter
			 * callbacks); measured on DPDK, the others added more noise than bugs */
} name_pairs[] = {
	{"_lock", "_unlock", false, false}, {"_enter", "_exit", false, false}, {"_acquire", "_release", false, true},
	{"_LOCK", "_UNLOCK", false, false}, {"lock_", "unlock_", true, false}, {"LOCK_", "UNLOCK_", true, false},
};

/* The guess: `stem(arg)` is the lock (stem_len 0: all of stem). */
static void set_guess(struct cfg *c, struct event *e, int side, const char *stem, size_t stem_len,
		      const char *arg, const char *partner)
{
	e->guess_partner = partner ? cfg_intern(c, partner, strlen(partner)) : NULL;
	if (!stem_len)
		stem_len = strlen(stem);
	const char *key = arena_printf(c->arena, "%.*s(%s)", (int)stem_len, stem, arg);
	e->guess = side ? LE_RELEASE : LE_ACQUIRE;
	e->guess_key = cfg_intern(c, key, strlen(key));
	e->guess_success = TS_ZERO;	/* a tested take hands back an errno, as x_enter does */
}

/* An unknown call named like one half of a pair whose other half this file also calls:
 * a guess that it takes (or drops) a lock named by its first argument.  A call through a
 * field (`hw->phy.ops.acquire(hw)`) is named by its field, which may be a whole half
 * (`acquire`/`release`), and the object it is reached through names the lock with it. */
void nameguess_pair(struct cfg *c, const struct strset *calls, const struct lockapi *api, struct event *e, const char *name,
		    const char *object)
{
	size_t n = strlen(name);
	char partner[160];
	for (size_t k = 0; k < countof(name_pairs); k++)
		for (int side = 0; side < 2 && (!object || name_pairs[k].fields); side++) {
			const char *mine = side ? name_pairs[k].give : name_pairs[k].take;
			const char *other = side ? name_pairs[k].take : name_pairs[k].give;
			size_t m = strlen(mine);
			bool whole = object && n + 1 == m && strcmp(name, mine + (name_pairs[k].prefix ? 0 : 1)) == 0;
			if (whole) {	/* ops.acquire / ops.release: the field is the half */
				if (strlen(other) >= sizeof(partner))
					continue;
				snprintf(partner, sizeof(partner), "%s", name_pairs[k].prefix ? other : other + 1);
				if (name_pairs[k].prefix)
					partner[strlen(partner) - 1] = '\0';
				if (!strset_has(calls, partner))
					continue;
				set_guess(c, e, side, object, 0, e->nargs ? e->args[0] : "", NULL);	/* a field, not a function */
				return;
			}
			if (n <= m || n - m + strlen(other) >= sizeof(partner))
				continue;
			const char *stem;
			size_t stem_len;
			if (name_pairs[k].prefix) {
				if (strncmp(name, mine, m) != 0)
					continue;
				stem = name + m;
				stem_len = n - m;
				snprintf(partner, sizeof(partner), "%s%.*s", other, (int)stem_len, stem);
			} else {
				if (strcmp(name + n - m, mine) != 0)
					continue;
				stem = name;
				stem_len = n - m;
				snprintf(partner, sizeof(partner), "%.*s%s", (int)stem_len, stem, other);
			}
			if (lockapi_call(api, partner) || !strset_has(calls, partner))
				continue;
			if (object) {
				char *full = arena_printf(c->arena, "%s.%.*s", object, (int)stem_len, stem);
				set_guess(c, e, side, full, strlen(full), e->nargs ? e->args[0] : "", NULL);
			} else {
				set_guess(c, e, side, stem, stem_len, e->nargs ? e->args[0] : "", partner);
			}
			return;
		}
}


bool nameguess_could_pair(const char *name, const struct strset *calls)
{
	size_t n = strlen(name);
	char partner[160];
	for (size_t k = 0; k < countof(name_pairs); k++)
		for (int side = 0; side < 2; side++) {
			const char *half = side ? name_pairs[k].give : name_pairs[k].take;
			const char *other = side ? name_pairs[k].take : name_pairs[k].give;
			size_t m = strlen(half);
			if (n <= m || n - m + strlen(other) >= sizeof(partner))
				continue;
			if (name_pairs[k].prefix ? strncmp(name, half, m) != 0 : strcmp(name + n - m, half) != 0)
				continue;
			if (name_pairs[k].prefix)
				snprintf(partner, sizeof(partner), "%s%s", other, name + m);
			else
				snprintf(partner, sizeof(partner), "%.*s%s", (int)(n - m), name, other);
			if (!calls || strset_has(calls, partner))
				return true;
		}
	return false;
}

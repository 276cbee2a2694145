/* lockstate: the abstract state at one program point of one function.
 * Takes: events applied by analysis.c.  Gives: immutable values (every change makes a copy
 * in the function's scratch arena), equality of locksets, and the join used when two paths
 * meet with the same lockset.  Owns: nothing (arena memory).
 *
 * Invariants: locks[] and facts[] are sorted by key pointer (keys are interned, so pointer
 * order is a total order and equal keys are equal pointers); count is relative to function
 * entry and clamped to [LOCK_COUNT_MIN, LOCK_COUNT_MAX]. */
#ifndef LOCKAUDIT_LOCKSTATE_H
#define LOCKAUDIT_LOCKSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "cfg.h"

#define LOCK_COUNT_MIN (-2)
#define LOCK_COUNT_MAX 3
/* Budget: branch conditions remembered per state, for the notes of a finding. */
#define LOCKSTATE_MAX_CONDS 6

enum lockent_flags {
	LS_ENTRY = 1,		/* first event on this path was a release: held on entry */
	LS_ACQ_FIRST = 2,	/* first event on this path was an acquire */
	LS_NESTS = 4,		/* a nesting lock (rcu_read_lock): re-acquiring is fine */
	LS_ANY_MODE = 8,	/* a primitive that cannot tell its mode (pthread_rwlock_unlock) */
	LS_BLOCKING = 64,	/* taken by a try that fails only on misuse (LP_BLOCKING) */
	LS_TRY_FAILED = 16,	/* on this path a try-acquire of it failed (last is that try) */
	LS_FORGOTTEN = 32,	/* a variable in its key was reassigned: a release names a lock
				 * we know nothing of (`tab[i]` after i++) */
	LS_NOT_TAKEN = 128,	/* a callee that takes it on other ways did not on this one */
	LS_HANDED = 256,	/* passed, as itself, to a call with no lock effect we know of
				 * (mount_snapshot(td, vpp) with *vpp locked): maybe it took it */
};

struct lockent {
	const char *key;
	int8_t count;
	uint8_t mode;		/* of the hold when count > 0, of the entry requirement when < 0 */
	uint16_t flags;		/* enum lockent_flags */
	const struct event *last;	/* the latest lock event on this key along the path */
	const struct event *brk;	/* a break that left a loop while this was held */
};

/* What a branch or an assignment taught about a key: the values it may still hold. */
struct fact {
	const char *key;
	uint8_t bits;		/* enum value_bits */
};

/* A branch taken on the way here (its block's test, and which way). */
struct pathcond {
	const struct block *blk;
	bool value;
};

struct lstate {
	uint16_t nlocks, nfacts, nconds;
	uint16_t lcap, fcap, ccap;	/* room in the arrays; insertions grow them in the arena */
	struct lockent *locks;
	struct fact *facts;
	struct pathcond *conds;
};

struct lstate *lstate_new(struct arena *a);
struct lstate *lstate_copy(struct arena *a, const struct lstate *s);

const struct lockent *lstate_lock(const struct lstate *s, const char *key);
/* Returns the entry for key in s (inserted with count 0 if absent); s must be a copy this
 * caller owns (states reached by other paths are never changed). */
struct lockent *lstate_lock_mut(struct arena *a, struct lstate *s, const char *key);

/* The entry of lock `from` renamed `to` (two names of one lock), unless `to` has one;
 * false when nothing moved. */
bool lstate_rekey(struct arena *a, struct lstate *s, const char *from, const char *to);
uint8_t lstate_fact(const struct lstate *s, const char *key);	/* VB_ANY if unknown */
/* The value the path took at the branch testing test_key (the latest), or -1. */
int lstate_cond(const struct lstate *s, const char *test_key);
/* Whether the path took key as true (1) or false (0): a branch on it, or a fact; -1 if
 * it does not say. */
int lstate_truth(const struct lstate *s, const char *key);
/* The key of condition or fact number k of s (conditions first; k < nconds + nfacts). */
const char *lstate_known_key(const struct lstate *s, uint16_t k);
/* How many facts a and b both hold with the same values. */
int lstate_facts_shared(const struct lstate *a, const struct lstate *b);
void lstate_set_fact(struct arena *a, struct lstate *s, const char *key, uint8_t bits);
/* Forgets every fact whose key mentions the identifier var (`ret`, `IS_ERR(ret)`). */
void lstate_kill(struct lstate *s, const char *var);
/* Forgets every fact about what var points to (`tx->tx_txg`), keeping those about the
 * pointer itself (`tx`, `sdzp==tdzp`): a callee given tx may change the object. */
void lstate_kill_pointee(struct lstate *s, const char *var);
/* Forgets what a callee given &var may write: var and its members (`ctx.state`), keeping
 * facts about objects var's pointer members lead to (`ctx.ops->needs_lock`). */
void lstate_kill_written(struct lstate *s, const char *var);
/* Forgets every lock whose key mentions var: after `i++` or `vq = next(vq)`, `tab[i]` and
 * `vq->lock` name another lock than before. */
void lstate_forget_locks(struct lstate *s, const char *var);
/* Whether key mentions the identifier (or expression) var, on identifier boundaries. */
bool lstate_key_mentions(const char *key, const char *var);
void lstate_add_cond(struct arena *a, struct lstate *s, const struct block *blk, bool value);

/* Same locks with the same counts and modes (facts and notes aside). */
bool lstate_same_locks(const struct lstate *a, const struct lstate *b);
/* Same facts (locks aside). */
bool lstate_same_facts(const struct lstate *a, const struct lstate *b);
/* Join of two states with the same locks: facts both agree exist, with both values allowed;
 * conditions both share.  Returns NULL when the result would equal `old` (nothing new). */
struct lstate *lstate_join(struct arena *a, const struct lstate *old, const struct lstate *add);

#endif

/* analysis: path-sensitive lock-state analysis of one CFG (property simulation, ESP-style).
 * Takes: a cfg.  Gives: the state at every exit, tagged with its return class, and the
 * findings that arise at single events (double acquire, double release, mode mismatch).
 * Owns: nothing; states live in the scratch arena given, valid until it is reset.
 *
 * States that reach a block with the same lockset are joined (facts they disagree on are
 * dropped); states with different locksets stay apart, with the branch facts that tell them
 * apart, so `if (flags & X) unlock_shared(); else unlock(); ... if (flags & X) lock_shared();
 * else lock();` is followed exactly. */
#ifndef LOCKAUDIT_ANALYSIS_H
#define LOCKAUDIT_ANALYSIS_H

#include "arena.h"
#include "cfg.h"
#include "lockstate.h"

struct summary_view;

/* Budgets: beyond them the function gets a note and no findings. */
#define ANALYSIS_MAX_STATES_PER_BLOCK 64
/* States with the same locks but different facts kept apart at one block before they are
 * joined: enough for `if (a || b) lock(); ... if (a || b) unlock();`. */
#define ANALYSIS_FACT_VARIANTS 8
#define ANALYSIS_MAX_STEPS 200000

struct exit_state {
	const struct block *blk;	/* the T_RETURN block */
	const struct lstate *state;
	uint8_t bits;			/* return class (enum value_bits) */
};

enum event_finding {
	EF_DOUBLE_ACQUIRE,
	EF_DOUBLE_RELEASE,
	EF_MODE_MISMATCH,
	EF_RELEASE_AFTER_FAILED_TRY,	/* the try on this path failed, yet the lock is released */
	EF_HELD_ACROSS_ITERATION,	/* a loop step renames a lock still held since this trip */
	EF_UNCHECKED_RESULT,	/* a call that takes a lock only on some return values, untested */
};

struct event_issue {
	uint8_t kind;			/* enum event_finding */
	const struct event *at;
	const struct event *prev;	/* the earlier event on the same lock, if known */
	const struct lstate *state;	/* state just before the event */
};

/* A call through a field (ops->lookup(...)) and a lock held there on some path. */
struct field_site {
	const struct event *at;
	const struct event *held;	/* the event that took the held lock, or NULL */
};

/* A held lock passed as an argument (itself, or the pointer it is reached through) to a
 * call of a function without a summary. */
struct handoff {
	const char *key;
	const struct event *at;
};

struct analysis {
	const struct cfg *cfg;
	struct field_site *fields;
	size_t nfields;
	const char **taken, **dropped;	/* keys acquired / released somewhere (directly or by a callee) */
	const char **handed;		/* locks (callee keys) released by callbacks this
					 * function passes by name: it may hand them over */
	size_t nhanded;
	const char **doubts;		/* locks released through a parameter the function
					 * reassigns (`zap_put_leaf(l); l = NULL;`): maybe the
					 * caller's, maybe one found later */
	size_t ndoubts;
	struct handoff *consumed;	/* held locks passed, as themselves, to functions
					 * without a summary (mount_snapshot(td, vpp)) */
	size_t nconsumed;
	const char **guessed;		/* callees taken as locks by their names */
	size_t nguessed;
	const char **guess_based;	/* callees whose summaries rest on a name guess */
	size_t nguess_based;
	size_t ntaken, ndropped;
	struct exit_state *exits;
	size_t nexits;
	struct event_issue *issues;
	size_t nissues;
	bool over_budget;
	size_t steps;
};

/* Calls are applied through the callees' summaries in sums (may be NULL); file is where
 * the function is, for binding static callees.  cfg gains interned keys (bound summary
 * keys), nothing else changes in it. */
/* The branch that decides whether key is held at the exits: on every exit holding more
 * of it the path took the test one way (*held_when), on every other exit the other way,
 * and the test comes before the lock event (`if (need) lock(...)`, not `lock(); if (err)
 * return;`).  NULL if no such test. */
const struct block *analysis_split_condition(const struct analysis *res, const char *key, bool *held_when);

/* Whether key may be handed to a callback the function passes by name (an I/O completion
 * that drops the submitter's lock): a callback releases a lock of the same name. */
bool analysis_handed_to_callback(const struct analysis *res, const char *key);

/* Whether key is held only because it was handed to a function we know no lock effect of:
 * it was passed to one while held, and the function names it in no lock event after
 * that call. */
bool analysis_consumed_outside(const struct analysis *res, const char *key);

void analysis_run(struct analysis *res, struct arena *scratch, struct cfg *cfg,
		  const struct summary_view *sums, const char *file);

#endif

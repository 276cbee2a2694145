/* engine: the state of one function's lock-state analysis, shared by the two files of the
 * analysis stage (analysis.c: the walk over the CFG and the lock events; callsite.c: callee
 * summaries applied at call sites).  Not for other stages: they see analysis.h.
 * Owns: nothing (the scratch arena of analysis_run). */
#ifndef LOCKAUDIT_ENGINE_H
#define LOCKAUDIT_ENGINE_H

#include "analysis.h"
#include "summary.h"
#include "util.h"

struct work {
	uint32_t blk;
	const struct lstate *state;
};

struct blockstates {
	const struct lstate **v;
	uint32_t n;
};

/* How a key is used by the function: facts are worth keeping only about keys that a later
 * test or return reads (other facts would only multiply states). */
struct key_use {
	const char *key;
	uint16_t tests;		/* branch blocks testing it */
	bool returned;		/* a return hands it back (or IS_ERR of it decides one) */
	bool stored_out;	/* a constant is stored to it through a parameter (`*overflow = true`) */
	bool looped;		/* a call tested in a loop's test (`while (more(q))`) */
	bool guards_lock;	/* a call tested to decide whether to take or drop a lock */
};

struct sentinel {
	const char *var, *value;
	const char *test;	/* the key of `var==value` */
	bool kind;		/* var is returned and set to one of several named constants (a
				 * lock type): the fact is kept for the returns to show */
};

/* The return block made for a macro's `return` at one use (one per use and case, so
 * revisits of the use count as the same return). */
struct macro_return {
	const struct event *use;
	uint16_t c;
	struct block *blk;
};

/* A pointer stored in a field (`dl->dl_dzp = dzp`): what hangs from the field hangs
 * from the value. */
struct field_store {
	const char *field, *value;
};

/* A branch's test as an ordering (`cnt >= max` is the negation of `cnt<max`) and as an
 * equality of a local with another name (`ppr == pr`), read once per function. */
struct block_test {
	const char *order;		/* `a<b`, interned, or NULL */
	const char *small, *big;	/* a and b */
	bool says;			/* the test is `a<b` (else its negation) */
	const char *from, *to;		/* the local and what it equals, or NULL */
	bool equal_when;		/* the side of the test on which they are equal */
};

struct engine {
	struct arena *a;
	struct cfg *mcfg;	/* the same cfg, for interning bound summary keys */
	const struct summary_view *sums;
	const char *file;
	struct key_use *uses;	/* sorted by key pointer */
	size_t nuses;
	const char **stable;	/* calls tested twice or more, outside loops (stable_test) */
	size_t nstable;
	const char **written;	/* variables the function writes */
	size_t nwritten;
	VEC(struct field_store) stores;	/* `dl->dl_dzp = dzp`: the field names what the value names */
	struct sentinel *sentinels;	/* constants assigned to variables that a test compares with */
	size_t nsentinels;
	VEC(const char *) taken, dropped;
	VEC(struct macro_return) macro_returns;
	VEC(struct field_site) fields;
	VEC(const char *) guessed;
	VEC(const char *) handed;	/* keys released by callbacks passed by name */
	VEC(struct handoff) consumed;	/* held locks passed to functions outside the tree */
	VEC(const char *) doubts;	/* released through a parameter the function moves */
	VEC(const char *) guess_based;	/* callees whose summaries rest on a guess */
	VEC(uint32_t) counted;	/* blocks of ordering tests outside any loop (`if (cnt >= max)`) */
	struct block_test *tests;	/* per block: its test read as an ordering or an equality */
	const struct event **drains;	/* per block: cfg_drain_loops, or NULL */
	const struct cfg *cfg;
	struct blockstates *in;		/* per block: the states that reached it */
	VEC(struct work) work;
	VEC(struct exit_state) exits;
	VEC(struct event_issue) issues;
	bool over_budget;
};

/* analysis.c */
/* Whether a fact about key matters: a later test or return reads it. */
bool engine_worth_keeping(const struct engine *en, const char *key);
void engine_issue(struct engine *en, enum event_finding k, const struct event *at, const struct event *prev,
		  const struct lstate *s);
void engine_acquire(struct engine *en, struct lstate *s, const struct lstate *before, const struct event *e, bool report);
void engine_release(struct engine *en, struct lstate *s, const struct lstate *before, const struct event *e);
/* A release of a local the path never took: what a hold handed out with it (an opaque tag). */
bool engine_consume_opaque(struct engine *en, struct lstate *s, const char *key);
/* The held lock key names through a field the function stored a pointer in, or NULL. */
const char *engine_held_through_store(struct engine *en, const struct lstate *s, const char *key);
/* The held lock a callee returned a pointer to into the variable key (LP_RETURNED), or NULL. */
const char *engine_held_through_handle(struct engine *en, const struct lstate *s, const char *key);
/* The held lock key names through a copy the path made of the path it was taken through
 * (`inode->inode_lock` after `inode = page->inode`), or NULL. */
const char *engine_held_through_copy(struct engine *en, const struct lstate *s, const char *key);
/* Sends state s on from the end of block b (successors, or an exit). */
void engine_finish(struct engine *en, const struct block *b, const struct lstate *s);

/* callsite.c */
/* Applies the summary sum of the callee of call e to state s: one state per way it returns,
 * in out (at most max); returns how many. */
int callsite_apply_summary(struct engine *en, const struct lstate *s, const struct event *e,
			   const struct summary *sum, struct lstate **out, int max);

#endif

/* quiet: which functions can touch a lock at all, read lexically before anything is parsed.
 *
 * Most functions of a tree never name a lock.  Before round 0 every function and macro
 * body of the tree is read as tokens.  A body can leave its callers a lock effect when it
 * takes without dropping (or drops without taking), tries, guards, is annotated, calls
 * through a field (an ops-table contract) or calls a name the pairing heuristic could
 * guess; so can a body that calls such a body, QUIET_DEPTH levels of callers up (names
 * are global: the closure goes by name).  In round 0 a function that names no primitive,
 * none of those names and nothing with a summary yet is skipped: no CFG, no analysis.
 * The names it calls are kept; if one of them gets a summary later, tree.c reads the file
 * again whole, so a skip never changes the output, only the time (--no-quiet: no skips).
 *
 * Takes: file texts, the primitives table, the learnt attribute macros.  Gives: the set of
 * names whose bodies can touch locks; per function, whether it can.  Owns: its records
 * (quiet_bodies_release). */
#ifndef LOCKAUDIT_QUIET_H
#define LOCKAUDIT_QUIET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "lockapi.h"
#include "macros.h"
#include "summary.h"
#include "util.h"

/* Levels of callers the closure follows from a body that touches locks (quiet.c): measured
 * on OpenZFS, 2 skips the most functions with no file read twice. */
#define QUIET_DEPTH 2

struct quiet_body {
	const char *name;
	bool loud;		/* may leave its callers a lock effect by itself: only takes or
				 * only drops, or tries, guards, is annotated, calls through a
				 * field or a name the heuristic may guess */
	size_t first, n;	/* its called names: names.v[first .. first + n) */
};

/* The bodies one worker read (one per worker: merged after). */
struct quiet_bodies {
	VEC(struct quiet_body) bodies;
	VEC(const char *) names;
	struct arena arena;
};

/* The names a token can touch locks by (primitives, guards, annotations, the learnt
 * attribute macros), with what each does: one lookup per token. */
#define QUIET_FILTER_BITS 4096

struct quiet_table {
	struct sum_index index;
	struct arena arena;
	uint64_t filter[QUIET_FILTER_BITS / 64];	/* quiet.c: filter_bit */
};

void quiet_table_init(struct quiet_table *qt, const struct lockapi *api, const struct attr_macros *learnt);
void quiet_table_release(struct quiet_table *qt);

struct quiet_rules {
	const struct quiet_table *table;
	bool guess;		/* the pairing heuristic is on */
};

/* Reads the function definitions and #define bodies of one file's text. */
void quiet_collect(struct quiet_bodies *qb, const char *text, size_t len, const struct quiet_rules *r);
/* The names whose bodies can touch locks, over all workers' records, into may_lock. */
void quiet_closure(const struct quiet_bodies *all, size_t n, bool guess, struct strset *may_lock);
void quiet_bodies_release(struct quiet_bodies *qb);

/* Whether text[from, to) (a function's body) cannot touch a lock: no name that is loud by
 * the rules or in may_lock, none known() says has a summary, and no call guessable() says
 * the pairing heuristic would take as a lock.  note() gets each name it calls or passes
 * by name. */
bool quiet_function(const char *text, size_t from, size_t to, const struct quiet_rules *r,
		    const struct strset *may_lock, bool (*known)(void *ctx, const char *name),
		    bool (*guessable)(void *ctx, const char *name), void *ctx,
		    void (*note)(void *ctx, const char *name), void *note_ctx);

#endif

/* summary: what a function does to locks, in terms of its parameters and globals.
 * Takes: an analysis (exit states) of one function.
 * Gives: per class of return value, the net effect on each lock whose key hangs from a
 * parameter ($0, $1, ...) or a global; a table of them across files, looked up by callee
 * name the way the linker would (static functions bind within their file).
 * Owns: the table owns its summaries and their strings (its own arena, freed with it).
 *
 * A function that releases a lock it never took requires it held on entry: its effect on
 * that lock is -1.  A wrapper (`table_lock(t)` = `spin_lock(&t->lock)`) has one case with
 * effect +1 on `$0->lock`; a conditional acquire has two cases told apart by the value. */
#ifndef LOCKAUDIT_SUMMARY_H
#define LOCKAUDIT_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "analysis.h"
#include "arena.h"
#include "cfg.h"

struct sum_effect {
	const char *key;	/* with parameters as $N: "$0->lock", "d_inode($0->d_parent)" */
	int8_t delta;		/* net count change: +1 takes it, -1 drops it */
	uint8_t mode;		/* enum lock_mode */
	uint8_t flags;		/* enum lockprim_flags of the primitive (LP_NESTS, LP_ANY_MODE) */
	const char *prim;	/* the primitive (or callee) that does it, for messages */
	struct loc loc;		/* where, in the callee */
	uint8_t owner;		/* 1 + index of the parameter naming who holds it (a tag the
				 * caller passes), 0 when the function's caller does */
};

/* One way the function can return: the values it returns that way, and its effects. */
struct sum_case {
	uint8_t bits;		/* enum value_bits */
	uint16_t neffects;
	struct sum_effect *effects;	/* sorted by key */
	uint16_t nreturns;	/* return statements that end this way */
	struct loc first_return;
	bool caller_returns;	/* a macro's `return`: the caller returns at the macro's use */
	uint8_t when;		/* with cond_key: the value of the condition on this way (0, 1,
				 * or SUM_WHEN_EITHER for a way its value tells apart) */
	const char *ret_var;	/* then: the caller's variable it returns, or NULL */
};

#define SUM_WHEN_EITHER 2

struct summary {
	const char *name;
	const char *file;
	struct loc loc;
	bool is_static;
	uint16_t ncases;
	uint16_t nreturns;	/* distinct return statements (a case counts those that end its way) */
	struct sum_case *cases;
	bool is_macro;		/* cases that fall through go on in the caller; the others return */
	bool guessed;		/* an effect comes from a callee taken as a lock by its name */
	bool imbalanced;	/* the function itself was reported for returning inconsistently:
				 * callers take all its ways, so those above it see the breach */
	const char *cond_key;	/* the ways are told apart by this condition on the parameters,
				 * tested before the lock is touched (if (need_lock) lock(...)) */
	bool cond_written;	/* cond_key is a value the function stores through a parameter
				 * (`*$2`): the caller's value before the call says nothing, each
				 * way leaves its own */
	bool noreturn;		/* no path of the function returns (every one ends in a call that
				 * does not return, or loops for ever): no cases, and a caller's
				 * path ends at the call */
	bool by_value;		/* the cases' return values do not overlap: a caller can tell
				 * them apart (a conditional acquire); otherwise callers apply
				 * only the effects every case has */
	const char *text;	/* canonical one-line form: --dump=summary */
	const char *sure_text;	/* the same without a callee's maybe-drops (`key?`): what a
				 * change of makes callers run again */
	uint32_t tested_params;	/* bit i: the body branches on parameter i (a mode, a timeout) */
	const char **params;	/* the function's parameter names, to show keys as written */
	size_t nparams;
};

/* A summary key with $N written as the function's parameter name (for messages). */
const char *summary_key_text(struct arena *a, const struct summary *s, const char *key);

struct summary_table;

struct summary_table *summary_table_new(void);
void summary_table_free(struct summary_table *t);

/* The summary of an analysed function, or NULL when it leaves every lock as it found it
 * (the common case, which callers need not know about).  Allocated in a, which must live
 * as long as the table holds it. */
struct summary *summary_of(struct arena *a, const struct analysis *res, const char *file, bool imbalanced);
/* What a declaration's lock annotations promise its callers (cfg_build_prototype), or NULL. */
struct summary *summary_of_annotations(struct arena *a, const struct cfg *c, const char *file);

/* A map from a name to a number: where each name's latest summary is among a file's own (a
 * file may define thousands), or which file a path is. */
struct sum_index {
	const char **names;
	uint32_t *at;
	size_t cap, n;
};
void sum_index_put(struct sum_index *x, const char *name, uint32_t at);
uint32_t sum_index_get(const struct sum_index *x, const char *name);	/* UINT32_MAX: absent */
void sum_index_clear(struct sum_index *x);
void sum_index_release(struct sum_index *x);

/* What an analysis sees: the summaries of earlier rounds, and those its own file has
 * produced so far in this round (read-only while worker threads run), with their index
 * (NULL: looked through one by one). */
struct summary_view {
	const struct summary_table *global;
	struct summary *const *local;
	size_t nlocal;
	const struct sum_index *index;
};
const struct summary *summary_view_lookup(const struct summary_view *v, const char *name, const char *file);
bool summary_view_defined(const struct summary_view *v, const char *name);
/* Records s (replacing the summary of the same function in the same file); returns true
 * when that changes what callers see (maybe-drops aside: they ride along with the next
 * change, and within a file they are seen at once). */
bool summary_put(struct summary_table *t, struct summary *s);
/* Forgets the summary of name defined in file, if any; true when there was one. */
bool summary_drop(struct summary_table *t, const char *name, const char *file);
/* What a call of name from file binds to: a static definition in the same file first,
 * then a non-static one anywhere, then a static (inline) one of a header, which every file
 * including it sees.  NULL if none has lock effects. */
const struct summary *summary_lookup(const struct summary_table *t, const char *name, const char *file);
size_t summary_count(const struct summary_table *t);
/* Whether name is a function the run has seen defined (with or without lock effects). */
bool summary_defined(const struct summary_table *t, const char *name);
void summary_note_defined(struct summary_table *t, const char *name);

/* Rewrites a summary key for a call: $N becomes the call's argument N (as a lock key;
 * `&x` with `$0->f` gives `x.f`).  NULL when the call has no such argument. */
const char *summary_bind_key(struct cfg *c, const char *key, const struct event *call);

/* Sets s->text from the rest (a summary read back from a cache). */
void summary_set_text(struct arena *a, struct summary *s);
void summary_dump(const struct summary *s, FILE *out);
/* Calls fn on every summary of t, in no particular order. */
void summary_each(const struct summary_table *t, void (*fn)(void *ctx, const struct summary *s), void *ctx);
/* Every summary, by file and line (--dump=summary). */
void summary_dump_all(const struct summary_table *t, FILE *out);

#endif

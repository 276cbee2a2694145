/* macros: unpreprocessed-source shapes, rewritten so tree-sitter sees plain C.
 * Takes: a file's text.  Gives: a same-length copy in which iterator macros and scoped
 * guards read as `while (...)` and attribute-like macros are blanked, so every byte offset,
 * line and column of the copy is the original's.  Owns: nothing (the copy is the caller's).
 *
 * Why a lexical pass rather than grammar changes: the macros are unknown to the grammar and
 * each use is a fixed shape (NAME(args) followed by a statement); rewriting them in place
 * keeps positions exact, and the CFG builder tells a real `while` from a rewritten one by
 * reading the original text at the keyword's offset (macros_loop_kind). */
#ifndef LOCKAUDIT_MACROS_H
#define LOCKAUDIT_MACROS_H

#include <stddef.h>
#include <stdint.h>

enum macro_loop_kind {
	MACRO_LOOP_NONE,	/* a real `while` */
	MACRO_LOOP_ITERATOR,	/* list_for_each_entry(...) and friends: a loop */
	MACRO_LOOP_SCOPED_GUARD,	/* scoped_guard(class, args...) { }: runs once, lock held */
	MACRO_LOOP_SCOPED_COND_GUARD,	/* scoped_cond_guard(class, fail, args...) { } */
};

/* Lock annotations found among the blanked attribute macros (sparse's __acquires(x),
 * DPDK's __rte_exclusive_lock_function(x), ...): what the function declares it does. */
enum annotation_kind {
	ANN_ACQUIRES,	/* returns holding x */
	ANN_RELEASES,	/* returns having dropped x */
	ANN_MUST_HOLD,	/* called with x held, returns with it held */
	ANN_TRY_ACQUIRES,	/* returns holding x when it returns `taken` (clang's
				 * try_acquire_capability(value, x), OVS_TRY_LOCK(value, x)) */
	ANN_NO_CHECK,		/* no_thread_safety_analysis: the body is not checked against
				 * the function's other annotations (no lock argument) */
};

struct annotation {
	uint32_t offset;	/* of the annotation in the text */
	uint32_t arg, arg_len;	/* its argument's text (in the original, same offsets) */
	uint8_t kind;		/* enum annotation_kind */
	uint8_t taken;		/* ANN_TRY_ACQUIRES: 1 when returning 0 (false) says taken, 2
				 * when non-zero does; 0 otherwise */
};

struct annotations {
	struct annotation *v;
	size_t n, cap;
};

/* A project's macro over one of clang's thread-safety attributes, learnt from its
 * `#define` (`#define OVS_ACQUIRES(...) __attribute__((exclusive_lock_function(...)))`):
 * kind is an enum annotation_kind, or -1 for an attribute that says nothing we use
 * (locks_excluded, guarded_by).  Sorted by name. */
struct attr_macro_def {
	char *name;
	int kind;
};

struct attr_macros {
	struct attr_macro_def *v;
	size_t n, cap;
	uint64_t hash;		/* of the names and kinds: what a file's parse depends on */
};

/* The kind of clang attribute name[0..n) (acquire_capability, ...): an enum annotation_kind,
 * -1 for a thread-safety attribute with no lock effect we use, -2 for any other name. */
int macros_attribute_kind(const char *name, size_t n);
/* Calls fn with each annotation macro (`__acquires`, `__rte_unlock_function`) and clang
 * attribute (`acquire_capability`) the parse reads as a lock annotation. */
void macros_each_annotation_name(void (*fn)(void *ctx, const char *name), void *ctx);
/* Adds a learnt macro (kept sorted, first definition wins) and frees nothing. */
void attr_macros_add(struct attr_macros *m, const char *name, int kind);
void attr_macros_release(struct attr_macros *m);

/* Rewrites text[0..len) in place (the caller passes its own copy); annotations (may be
 * NULL) receives the lock annotations it blanked; learnt (may be NULL) names the run's
 * attribute macros, blanked and noted wherever they are used. */
void macros_rewrite(char *text, size_t len, struct annotations *out, const struct attr_macros *learnt);
/* Past the comment, string or character literal that starts at p (p if none). */
size_t macros_skip_comment_or_literal(const char *t, size_t len, size_t p);

/* What the original text at a `while` keyword's offset is. */
enum macro_loop_kind macros_loop_kind(const char *orig, size_t len, size_t offset);

#endif

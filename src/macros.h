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

enum macro_loop_kind {
	MACRO_LOOP_NONE,	/* a real `while` */
	MACRO_LOOP_ITERATOR,	/* list_for_each_entry(...) and friends: a loop */
	MACRO_LOOP_SCOPED_GUARD,	/* scoped_guard(class, args...) { }: runs once, lock held */
	MACRO_LOOP_SCOPED_COND_GUARD,	/* scoped_cond_guard(class, fail, args...) { } */
};

/* Rewrites text[0..len) in place (the caller passes its own copy). */
void macros_rewrite(char *text, size_t len);

/* What the original text at a `while` keyword's offset is. */
enum macro_loop_kind macros_loop_kind(const char *orig, size_t len, size_t offset);

#endif

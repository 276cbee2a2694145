/* lockid: lock identity and condition keys, from syntax to normalised text.
 * Takes: expression nodes of one function (and the function body, scanned once for aliases).
 * Gives: interned keys: `&t->lock`, `(t->lock)` and `t->lock` are one key; a local assigned
 * exactly once from a lock path (`spinlock_t *l = &t->lock;`) stands for that path; calls such
 * as d_inode(dentry->d_parent) stay symbolic, as written without white space.
 * Owns: nothing; keys are interned in the cfg's table. */
#ifndef LOCKAUDIT_LOCKID_H
#define LOCKAUDIT_LOCKID_H

#include "cfg.h"
#include "parse.h"

struct lockid {
	const struct grammar *g;
	const char *text;	/* the parsed (rewritten) text */
	struct cfg *cfg;	/* its aliases are filled by lockid_init */
};

/* Walks body once to find the locals and their aliases; `also` (may be NULL) sees every
 * node of the same walk, so the builder needs no walk of its own. */
void lockid_init(struct lockid *id, const struct grammar *g, const char *text, struct cfg *cfg, TSNode body,
		 void (*also)(void *ctx, TSNode n), void *also_ctx);
/* Key of a lock argument: &, casts and parentheses stripped, aliases resolved. */
const char *lockid_lock_key(struct lockid *id, TSNode expr);
/* Key of any expression (conditions, variables, calls): parentheses stripped, no white space. */
const char *lockid_expr_key(struct lockid *id, TSNode expr);
/* The expression as written, white space folded (for messages). */
const char *lockid_text(struct lockid *id, TSNode expr);
/* Key of a lock argument given as text (scoped_guard's arguments are hidden from the parser). */
const char *lockid_lock_key_text(struct lockid *id, const char *s, size_t n);
/* Strips parentheses (and casts when casts is true) around an expression. */
TSNode lockid_strip(const struct lockid *id, TSNode expr, bool casts);

/* `static pthread_mutex_t m = ...;` in a body: one object for every call, a global in all
 * but name (not a local of this call), whose initialiser runs once, not at each call. */
bool lockid_static_declaration(const struct lockid *id, TSNode decl);

#endif

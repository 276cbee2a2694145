/* macrobody: function-like macros that lock, read as functions.
 * Takes: a parsed file.  Gives: for each `#define NAME(params) body` whose body uses a
 * lock primitive (or a name with "lock" in it), a small parsed file holding
 * `void NAME(int p, ...) { body; }`, padded with newlines so that its lines are the
 * macro's own, ready for cfg_build and a summary like any function's.
 * Owns: those parsed files and their sources (macrobody_release).
 *
 * Many code bases lock through macros in their headers (FQLOCK(fq), HWRM_LOCK(),
 * logging wrappers around pthread_mutex_lock); a call of the macro parses as a call, so
 * its summary applies at every use. */
#ifndef LOCKAUDIT_MACROBODY_H
#define LOCKAUDIT_MACROBODY_H

#include <stddef.h>

#include "lockapi.h"
#include "parse.h"
#include "source.h"

/* Budget: macros read per file (generated headers define thousands). */
#define MACROBODY_MAX_PER_FILE 512

struct macro_fn {
	struct source src;	/* the synthetic function's text */
	struct parsed_file pf;	/* functions[0] is the macro */
	bool expression;	/* an expression macro: written `return (body);`, a plain
				 * function; otherwise a statement macro whose `return`s are
				 * its caller's */
};

/* Fills *out (heap array) and returns how many. */
size_t macrobody_collect(struct parser *p, const struct parsed_file *pf, const struct lockapi *api,
			 struct macro_fn **out);
void macrobody_release(struct macro_fn *m, size_t n);
/* Calls note(ctx, name) for every macro the file defines at file level (so that a macro
 * such as `#define lua_lock(L) ((void) 0)` counts as defined, and is never guessed). */
void macrobody_names(const struct parser *p, const struct parsed_file *pf, void (*note)(void *ctx, const char *name),
		     void *ctx);

#endif

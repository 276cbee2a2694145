/* defscan: the names a file defines, read lexically before anything is parsed.
 * Takes: a file's text.  Gives: each `NAME(...) {` at file level (a function definition)
 * and each `#define NAME(` (a function-like macro), to a callback.
 * Owns: nothing.
 *
 * Why: a call to an unknown `x_lock()` is guessed to be a lock only while no definition of
 * x_lock is known; without this list, files read before the file that defines it guess,
 * and must be read again once the definition turns up (most of DPDK's second readings). */
#ifndef LOCKAUDIT_DEFSCAN_H
#define LOCKAUDIT_DEFSCAN_H

#include <stddef.h>

void defscan(const char *text, size_t len, void (*note)(void *ctx, const char *name), void *ctx);
/* Each `#define NAME(...) __attribute__((ATTR(...)))` whose ATTR is one of clang's
 * thread-safety attributes, to note with its kind (macros_attribute_kind). */
void defscan_attr_macros(const char *text, size_t len, void (*note)(void *ctx, const char *name, int kind), void *ctx);
/* Each `#define NAME(P, ...) OTHER(P, ...)`: a macro that only renames a call, passing its
 * first parameter on first, to note. */
void defscan_renames(const char *text, size_t len, void (*note)(void *ctx, const char *name, const char *other),
		     void *ctx);

#endif

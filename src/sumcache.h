/* sumcache: the lock summaries of a whole tree, kept on disk: what `lockaudit review`
 * knows of the functions outside the files it reads (lock wrappers and helpers defined
 * elsewhere, and which names are defined at all, so that a defined name is not guessed).
 * Takes: a finished run (tree.h) to store; a file to load.
 * Gives: per file, its summaries and the names it defines.
 * Owns: everything loaded (its arena), until sumcache_release.
 *
 * The format is tab-separated text, one record per line: F (file), D (a name it defines),
 * S (a summary), P (its parameter names), C (one way it returns), E (one effect of that
 * way).  A file that does not read back whole is not used. */
#ifndef LOCKAUDIT_SUMCACHE_H
#define LOCKAUDIT_SUMCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "summary.h"
#include "tree.h"
#include "util.h"

struct sumcache_file {
	const char *path;
	VEC(struct summary *) sums;
	VEC(const char *) defined;
};

struct sumcache {
	struct arena arena;
	VEC(struct sumcache_file) files;
	size_t nsums;
};

/* Writes every file's summaries and defined names of t (atomically: a temporary file is
 * renamed); false if it could not be written. */
bool sumcache_store(const char *path, const struct tree *t);
bool sumcache_load(struct sumcache *c, const char *path);
void sumcache_release(struct sumcache *c);

#endif

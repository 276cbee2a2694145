/* sumcache: a finished run's results, file by file, kept on disk.
 * Takes: a finished run (tree.h) to store; a file to load.
 * Gives: the run back as result-only files (tree_add_result) in an empty tree: each file's
 * content hash, findings, summaries, defined and called names, name guesses, ops tables
 * and field calls; the tree's summary table filled.  Such a tree seeds a new run
 * (tree_seed: only the files whose text changed, and what depends on them, are analysed
 * again) and gives `lockaudit review` the summaries of the files it does not read.
 * Owns: nothing (loaded strings go into the tree's per-file arenas).
 *
 * The format is tab-separated text, one record per line, all after the F record of their
 * file: D defined name, A called name, G guessed name, I ops-table entry, K field call,
 * W finding and N its notes, X notice, S summary with P its parameters, C its ways and E
 * their effects.  A file that does not read back whole is not used. */
#ifndef LOCKAUDIT_SUMCACHE_H
#define LOCKAUDIT_SUMCACHE_H

#include <stdbool.h>

#include "tree.h"

/* Written to a temporary file and renamed: a reader never sees half of it. */
bool sumcache_store(const char *path, const struct tree *t);
/* t: tree_init'ed and empty.  On false, t may be partly filled (tree_release it). */
bool sumcache_load(const char *path, struct tree *t);

#endif

/* cache: the results of a whole run, kept on disk and reused when nothing changed.
 * Takes: the run's file list and options (their content is hashed) and its findings.
 * Gives: the findings of an earlier run with the same key, without analysing anything.
 * Owns: nothing (loaded strings go into the arena given).
 *
 * The key covers the tool's version, every option that changes results, and the path and
 * content of every file.  When that key misses, main reads the last run's per-file results
 * (src/sumcache, "files-<options key>.txt" in the same directory) and seeds the new run
 * with them: only the changed files and what depends on them are analysed again.  The
 * cache is written only where --cache-dir says, never into the analysed tree. */
#ifndef LOCKAUDIT_CACHE_H
#define LOCKAUDIT_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "findings.h"
#include "options.h"
#include "tree.h"

/* Hashes what besides the code changes results: the build, profiles, config, flags. */
bool cache_options_key(const struct options *o, uint64_t *key);
/* Hashes the options and every file of t (reads them); false if a file cannot be read. */
bool cache_key(const struct tree *t, const struct options *o, uint64_t *key);
bool cache_load(const char *dir, uint64_t key, struct finding_list *out, struct arena *a);
/* Best effort: a cache that cannot be written is only slower next time. */
void cache_store(const char *dir, uint64_t key, const struct finding_list *fl);

#endif

/* tree: the run over all named files, in rounds, so calls see their callees' summaries.
 * Takes: paths (files, or directories searched for .c and .h), options, lock primitives.
 * Gives: the findings of every file, from its last analysis; stats; the summaries.
 * Owns: the parser, the per-file results (findings, callee names) and the summary table.
 *
 * Round 0 analyses every file with the summaries known so far and records each function's
 * summary; each later round re-analyses only the files that call a function whose summary
 * changed in the round before, until nothing changes or TREE_MAX_ROUNDS is reached.  A
 * file is parsed again for each round it takes part in (trees are not kept: memory stays
 * that of one file). */
#ifndef LOCKAUDIT_TREE_H
#define LOCKAUDIT_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "contracts.h"
#include "findings.h"
#include "lockapi.h"
#include "options.h"
#include "parse.h"
#include "summary.h"
#include "util.h"

/* Budget: rounds after the first (a chain of wrappers needs one round per level). */
#define TREE_MAX_ROUNDS 4

struct tree_stats {
	size_t files, functions, functions_with_errors, functions_not_analysed, bytes, skipped;
	size_t reanalysed, rounds, summaries, macros;
	double seconds;
};

struct tree_file {
	char *path;
	char *real;			/* realpath, to match a named file with the same one under --tree */
	bool context;			/* analysed for its summaries only: its findings are not reported */
	struct arena arena;		/* this file's findings and callee names */
	struct finding_list findings;
	const char **callees;		/* distinct names this file calls */
	size_t ncallees;
	struct strset guessed;		/* callees it took as locks by their names (round 0) */
};

struct tree {
	const struct options *opt;
	const struct lockapi *api;
	struct parser parser;
	struct arena scratch;		/* one function's CFG and states; reset after each */
	struct summary_table *sums;
	struct tree_file *files;
	size_t nfiles, cap;
	struct strset changed;		/* names whose summary changed in the current round */
	struct contracts contracts;	/* ops tables and the calls through their fields */
	struct finding_list contract_findings;
	struct arena run_arena;		/* strings of contract findings */
	struct tree_stats stats;
	bool input_error;		/* a missing or unreadable path: exit status 2 */
};

void tree_init(struct tree *t, const struct options *opt, const struct lockapi *api);
/* Adds a file, or the .c and .h files under a directory (sorted, hidden entries skipped). */
void tree_add_path(struct tree *t, const char *path);
/* Adds the files under root for their summaries only (--tree); tree_add_path afterwards
 * turns the named ones back into reported files. */
void tree_add_context(struct tree *t, const char *root);
void tree_run(struct tree *t);
/* All findings, sorted, into out (strings stay owned by the tree). */
void tree_findings(const struct tree *t, struct finding_list *out);
void tree_release(struct tree *t);

#endif

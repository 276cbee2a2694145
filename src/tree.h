/* tree: the run over all named files, in rounds and on worker threads, so that calls see
 * their callees' summaries.
 * Takes: paths (files, or directories searched for .c and .h), options, lock primitives.
 * Gives: the findings of every file, from its last analysis; stats; the summaries.
 * Owns: the workers (a parser and a scratch arena each), the per-file results (findings,
 * callee names, summaries, ops-table records) and the summary table.
 *
 * Round 0 analyses every file; each later round re-analyses only the files that call a
 * function whose summary changed in the round before, until nothing changes or
 * TREE_MAX_ROUNDS is reached.  Within a round the workers read the summaries of the rounds
 * before (and those their own file has produced so far); what a round produced is merged
 * afterwards in file order, so the output is the same for any number of workers.  A file
 * is parsed again for each round it takes part in: memory stays that of a few files. */
#ifndef LOCKAUDIT_TREE_H
#define LOCKAUDIT_TREE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "cfg.h"
#include "contracts.h"
#include "findings.h"
#include "lockapi.h"
#include "macros.h"
#include "options.h"
#include "parse.h"
#include "quiet.h"
#include "summary.h"
#include "util.h"

/* Budget: rounds after the first (a chain of wrappers needs one round per level; DPDK and
 * OpenZFS settle in 7 to 9). */
#define TREE_MAX_ROUNDS 40
/* Budget: CFG bytes kept from the first reading of files, so the rounds after it analyse
 * them again without parsing.  Over it, a file's CFGs are kept from its first re-analysis
 * only (about five times the source size: OpenZFS fits, half of DPDK does). */
#define TREE_KEEP_BUDGET (256u << 20)

struct tree_stats {
	size_t files, functions, functions_with_errors, functions_not_analysed, bytes, skipped;
	size_t reanalysed, rounds, summaries, macros, reanalysed_bytes;
	size_t quiet;		/* functions round 0 skipped as unable to touch a lock */
	double seconds;
	int jobs;
};

/* A function definition as the file has it: what `lockaudit review` compares between
 * versions (equal hash: the same code, wherever it moved). */
struct tree_fn {
	const char *name;	/* in the file's arena */
	uint64_t hash;		/* of its text without white space */
	struct loc loc;
	bool broken;		/* syntax errors the analysis skips it for */
};

#define TREE_RETRY_STEPS 20000
/* A function of this many blocks or more waits for the rounds after the first (defers()). */
#define TREE_DEFER_BLOCKS 150

struct kept_cfg {
	struct cfg *cfg;
	bool macro;	/* a macro's body: summarised, never reported */
	bool dirty;	/* calls a name whose summary changed since it was last analysed */
	bool run;	/* analysed in this round (its dirty callees, if any, are not) */
};

struct tree_file {
	char *path;
	char *real;			/* realpath, to match a named file with the same one under --tree */
	bool context;			/* analysed for its summaries only: its findings are not reported */
	const char *blob;		/* the text, when it comes from memory (git) rather than path */
	size_t blob_len;
	struct arena arena;		/* this file's findings and callee names */
	struct arena sum_arena;		/* its summaries (the table points into it) */
	struct finding_list findings;
	const char **callees;		/* distinct names this file calls */
	size_t ncallees;
	struct strset guessed;		/* callees it took as locks by their names */
	struct contracts contracts;	/* its ops tables and calls through fields */
	/* What the last analysis produced, merged into the run after the round: */
	VEC(struct summary *) new_sums;	/* summaries of its functions and macros */
	struct sum_index new_index;	/* name -> its latest in new_sums */
	VEC(char *) no_sum;		/* functions that now have none */
	VEC(char *) defined;		/* functions it defines (of the last analysis) */
	VEC(char *) all_defined;	/* every function and macro it defines: its first, or
					 * last whole, reading (a later round may read only some) */
	VEC(struct tree_fn) fns;	/* its function definitions (first round) */
	struct tree_stats stats;
	struct strbuf messages;		/* for stderr, in file order */
	bool input_error;
	uint64_t content_hash;		/* of its text, once read (hashed says so) */
	bool hashed;
	bool seeded;			/* its results were taken from the seed tree */
	/* From its first re-analysis on, its CFGs (macros first, then functions) are kept,
	 * so later rounds analyse them again without reading and parsing the file. */
	struct arena cfg_arena;
	VEC(struct kept_cfg) cfgs;
	bool cfgs_kept;
	/* Functions round 0 skipped as unable to touch a lock (quiet.h), and the names they
	 * call: once one of those gets a summary, the file is read again whole. */
	size_t quiet_skips;
	struct strset quiet_calls;
	/* Functions whose analysis ran out of budget after TREE_RETRY_STEPS steps or more: no
	 * findings, no summary.  Later rounds keep that notice rather than spend the budget
	 * again (kept CFGs or not, the same).  One that gave up sooner is tried again: the
	 * summaries of a later round can be what it was missing. */
	VEC(struct notice) over_budget;
};

struct worker {
	struct tree *t;
	struct parser parser;
	struct arena scratch;		/* one function's CFG and states; reset after each */
};

/* A header's macro that only renames a call (memcached's `#define mutex_trylock(x)
 * pthread_mutex_trylock(x)`); ambiguous when another header renames name otherwise. */
struct primitive_rename {
	char *name, *other;
	bool ambiguous;
};

struct tree {
	const struct options *opt;
	const struct lockapi *api;
	struct worker *workers;
	int nworkers;
	struct summary_table *sums;
	struct tree_file *files;
	size_t nfiles, cap;
	struct tree_file **work;	/* this round's files */
	size_t nwork;
	atomic_size_t next;		/* next index in work for a worker to take */
	atomic_size_t kept_bytes;	/* CFG bytes kept so far (TREE_KEEP_BUDGET) */
	bool first_round;
	struct strset changed;		/* names whose summary changed in the last round */
	const struct strset *round_changed;	/* while a round runs: those of the round before */
	bool deferred;				/* functions wait for their callees to settle */
	const struct strset *round_headers;	/* round 1: what the headers produced in round 0 */
	struct contracts contracts;	/* all files' ops tables and field calls */
	struct finding_list contract_findings;
	struct arena run_arena;		/* strings of contract findings */
	struct tree_stats stats;
	bool input_error;		/* a missing or unreadable path: exit status 2 */
	const struct tree *seed;	/* an earlier run whose unchanged files are reused */
	size_t nseeded;
	struct attr_macros attr_macros;	/* the headers' macros over clang's lock attributes */
	struct strset may_lock;		/* names whose bodies can touch a lock (quiet.h) */
	struct quiet_table quiet_table;	/* the names a token touches locks by */
	bool quiet_ready;		/* may_lock was read: round 0 may skip quiet functions */
	VEC(struct primitive_rename) renames;	/* the headers' `#define NAME(x) OTHER(x)` */
};

void tree_init(struct tree *t, const struct options *opt, const struct lockapi *api);
/* After the files are added, before tree_run (and before a cache key is made from
 * t->attr_macros.hash): learns the headers' macros over clang's thread-safety attributes
 * (Open vSwitch's OVS_ACQUIRES), which every file's parse then reads as annotations, and
 * the headers' macros that rename one call to another (t->renames). */
void tree_learn_attr_macros(struct tree *t);
/* Adds a file, or the .c and .h files under a directory (sorted, hidden entries skipped). */
void tree_add_path(struct tree *t, const char *path);
/* Adds the files under root for their summaries only (--tree); tree_add_path afterwards
 * turns the named ones back into reported files. */
void tree_add_context(struct tree *t, const char *root);
/* Adds a file whose text is in memory (path is only its name; data must outlive the run). */
void tree_add_blob(struct tree *t, const char *path, const char *data, size_t len);
/* A file known by its results only (read back from a cache, to seed another run with);
 * the caller fills in its findings, summaries and the rest. */
struct tree_file *tree_add_result(struct tree *t, const char *path, uint64_t content_hash);
/* Before tree_run: a file whose path and text are the same in seed (a finished run over
 * another version of the same code) takes seed's results instead of being analysed; the
 * rounds then re-analyse whatever calls a function whose summary came out differently.
 * seed must outlive t (t's results point into it). */
void tree_seed(struct tree *t, const struct tree *seed);
/* Before tree_run: summaries (and defined names) of functions outside the run's files,
 * known to its calls as if those files had been analysed (review's whole-tree context).
 * They must outlive t. */
void tree_background(struct tree *t, struct summary *const *sums, size_t n, const char *const *defined, size_t ndefined);
void tree_run(struct tree *t);
/* All findings, sorted, into out (strings stay owned by the tree). */
void tree_findings(const struct tree *t, struct finding_list *out);
void tree_release(struct tree *t);
/* FNV-1a of code without white space (so reindented or moved code hashes the same). */
uint64_t tree_code_hash(const char *s, size_t n);

#endif

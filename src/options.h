/* options: the command line, parsed once by main and read-only afterwards. */
#ifndef LOCKAUDIT_OPTIONS_H
#define LOCKAUDIT_OPTIONS_H

#include <stdbool.h>

#define LOCKAUDIT_VERSION "0.1.0"

enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

enum dump_kind { DUMP_NONE, DUMP_AST, DUMP_CFG, DUMP_PRIMITIVES, DUMP_KINDS, DUMP_SUMMARY };

struct options {
	enum output_format format;
	enum dump_kind dump;
	const char *profiles;	/* NULL: all built-in profiles */
	const char *config;	/* NULL: none */
	int jobs;
	bool quiet, verbose, stats, parse_only;
	bool no_guess;		/* no pairing of unknown x_lock/x_unlock calls by name */
	bool no_summaries;	/* each function on its own: primitives only, one pass */
	bool no_quiet;		/* build and analyse every function, even those that cannot
				 * touch a lock (quiet.h): the same output, slower */
	const char *cache_dir;	/* --cache-dir DIR: reuse a run's results when nothing changed */
	const char *tree_root;	/* --tree ROOT: summaries from all of ROOT, findings for PATHs only */
	bool review;		/* `lockaudit review`: paths[0], if any, is the range */
	const char *patch;	/* review --patch FILE */
	char **paths;
	int npaths;
};

#endif

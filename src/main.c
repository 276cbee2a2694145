/* main: command line -> list of files -> per-file pipeline -> report -> exit status.
 * The pipeline of one file reads as the data flows:
 *   source_read -> parse_file -> cfg_build -> analysis_run -> findings_collect, summary_of
 * run by tree.c over all files in rounds; the run ends with tree_findings -> report_*. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "cache.h"
#include "arena.h"
#include "cfg.h"
#include "findings.h"
#include "lockapi.h"
#include "options.h"
#include "parse.h"
#include "report.h"
#include "review.h"
#include "source.h"
#include "sumcache.h"
#include "tree.h"
#include "util.h"

static const char usage[] =
	"usage: lockaudit [check] [options] PATH...\n"
	"       lockaudit review [options] [BASE..HEAD | REV] [--patch FILE [BASE]]\n"
	"\n"
	"Finds lock-balance bugs in C source (files, or directories searched for .c and .h).\n"
	"review: inside a git repository, the lock-balance regressions a series brings, the ones\n"
	"it fixes and the lock contracts it changes, each with the commit that did it (default\n"
	"range: the branch's upstream to HEAD, else HEAD~1..HEAD; REV alone is REV^..REV).\n"
	"Reads git's objects only; --patch applies a patch or mbox series in a temporary directory.\n"
	"\n"
	"  --format=text|json|sarif  output format (default text)\n"
	"  --profile=NAME[,NAME]     lock primitives to know: linux, pthread, dpdk, zfs, postgres\n"
	"                            (default: all)\n"
	"  --config FILE             add project primitives (see docs/config.md)\n"
	"  -j N                      worker threads (default: the number of cores); same output for any N\n"
	"  -q                        warnings only: no notes, no messages about skipped input\n"
	"  -v                        also say which files and functions were skipped and why\n"
	"  --stats                   print files, functions, parse errors and speed on stderr\n"
	"  --parse-only              parse and stop (for benchmarks)\n"
	"  --cache-dir DIR           keep each file's results in DIR: an unchanged run is answered\n"
	"                            from it, a changed one re-analyses only what the change reaches\n"
	"                            (review: the base tree's summaries, for the files it does not read)\n"
	"  --tree ROOT               learn summaries from the whole tree ROOT, report on PATHs only\n"
	"  --no-guess                do not pair unknown calls by name (x_lock/x_unlock, see README)\n"
	"  --no-quiet                analyse every function, also those that cannot touch a lock\n"
	"                            (the same output, slower: for checking that claim)\n"
	"  --no-summaries            each function on its own: no callee summaries, macros,\n"
	"                            ops-table contracts or name guesses, one pass over the files\n"
	"  --dump=ast|cfg|summary|primitives  print a stage's output (for developers)\n"
	"  --dump=kinds              the finding kinds, as docs/findings.md lists them\n"
	"  --version, --help\n"
	"\n"
	"Exit status: 0 no findings, 1 findings, 2 usage or input error.\n";

enum args_result { ARGS_RUN, ARGS_DONE, ARGS_BAD };

static enum args_result parse_args(struct options *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->jobs = 0;	/* the number of cores */
	o->paths = xcalloc((size_t)argc, sizeof(char *));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i == 1 && strcmp(a, "check") == 0)
			continue;
		if (i == 1 && strcmp(a, "review") == 0) {
			o->review = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return ARGS_DONE;
		} else if (strcmp(a, "--version") == 0) {
			printf("lockaudit %s\n", LOCKAUDIT_VERSION);
			return ARGS_DONE;
		} else if (strncmp(a, "--format=", 9) == 0) {
			const char *f = a + 9;
			if (strcmp(f, "text") == 0) o->format = FORMAT_TEXT;
			else if (strcmp(f, "json") == 0) o->format = FORMAT_JSON;
			else if (strcmp(f, "sarif") == 0) o->format = FORMAT_SARIF;
			else return fprintf(stderr, "lockaudit: unknown format '%s'\n%s", f, usage), ARGS_BAD;
		} else if (strncmp(a, "--profile=", 10) == 0) {
			o->profiles = a + 10;
		} else if (strcmp(a, "--config") == 0 && i + 1 < argc) {
			o->config = argv[++i];
		} else if (strncmp(a, "--config=", 9) == 0) {
			o->config = a + 9;
		} else if (strcmp(a, "-j") == 0 && i + 1 < argc) {
			o->jobs = atoi(argv[++i]);
		} else if (strncmp(a, "-j", 2) == 0 && a[2]) {
			o->jobs = atoi(a + 2);
		} else if (strcmp(a, "-q") == 0) {
			o->quiet = true;
		} else if (strcmp(a, "-v") == 0) {
			o->verbose = true;
		} else if (strcmp(a, "--stats") == 0) {
			o->stats = true;
		} else if (strcmp(a, "--parse-only") == 0) {
			o->parse_only = true;
		} else if (strcmp(a, "--cache-dir") == 0 && i + 1 < argc) {
			o->cache_dir = argv[++i];
		} else if (strncmp(a, "--cache-dir=", 12) == 0) {
			o->cache_dir = a + 12;
		} else if (strcmp(a, "--tree") == 0 && i + 1 < argc) {
			o->tree_root = argv[++i];
		} else if (strncmp(a, "--tree=", 7) == 0) {
			o->tree_root = a + 7;
		} else if (strcmp(a, "--patch") == 0 && i + 1 < argc) {
			o->patch = argv[++i];
		} else if (strncmp(a, "--patch=", 8) == 0) {
			o->patch = a + 8;
		} else if (strcmp(a, "--no-guess") == 0) {
			o->no_guess = true;
		} else if (strcmp(a, "--no-quiet") == 0) {
			o->no_quiet = true;
		} else if (strcmp(a, "--no-summaries") == 0) {
			o->no_summaries = true;
			o->no_guess = true;	/* without definitions nothing could overrule a guess */
		} else if (strncmp(a, "--dump=", 7) == 0) {
			const char *d = a + 7;
			if (strcmp(d, "ast") == 0) o->dump = DUMP_AST;
			else if (strcmp(d, "cfg") == 0) o->dump = DUMP_CFG;
			else if (strcmp(d, "primitives") == 0) o->dump = DUMP_PRIMITIVES;
			else if (strcmp(d, "kinds") == 0) o->dump = DUMP_KINDS;
			else if (strcmp(d, "summary") == 0) o->dump = DUMP_SUMMARY;
			else return fprintf(stderr, "lockaudit: unknown dump '%s'\n%s", d, usage), ARGS_BAD;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "lockaudit: unknown option '%s'\n%s", a, usage);
			return ARGS_BAD;
		} else {
			o->paths[o->npaths++] = argv[i];
		}
	}
	if (o->jobs < 0) {
		fprintf(stderr, "lockaudit: -j needs a positive number\n");
		return ARGS_BAD;
	}
	if (o->review && (o->npaths > 1 || o->dump != DUMP_NONE || o->tree_root || o->parse_only)) {
		fprintf(stderr, "lockaudit: review takes one range (BASE..HEAD) and no --dump, --tree "
			"or --parse-only\n");
		return ARGS_BAD;
	}
	if (o->patch && !o->review) {
		fprintf(stderr, "lockaudit: --patch is an option of 'lockaudit review'\n");
		return ARGS_BAD;
	}
	if (o->npaths == 0 && !o->review && o->dump != DUMP_PRIMITIVES && o->dump != DUMP_KINDS) {
		fputs(usage, stderr);
		return ARGS_BAD;
	}
	return ARGS_RUN;
}

static void print_stats(const struct tree *t, size_t nfindings)
{
	const struct tree_stats *s = &t->stats;
	double mb = (double)s->bytes / 1e6;
	fprintf(stderr, "lockaudit: files %zu, skipped %zu, functions %zu, with parse errors %zu (%.1f%%), "
		"not analysed for them %zu (%.1f%%), findings %zu\n",
		s->files, s->skipped, s->functions, s->functions_with_errors,
		s->functions ? 100.0 * (double)s->functions_with_errors / (double)s->functions : 0.0,
		s->functions_not_analysed,
		s->functions ? 100.0 * (double)s->functions_not_analysed / (double)s->functions : 0.0, nfindings);
	fprintf(stderr, "lockaudit: summaries %zu (lock wrappers and helpers), macros read as functions %zu, "
		"rounds %zu, files re-analysed %zu (%.1f MB)\n", s->summaries, s->macros, s->rounds, s->reanalysed, (double)s->reanalysed_bytes / 1e6);
	if (s->quiet)
		fprintf(stderr, "lockaudit: functions that cannot touch a lock, not built in round 0: %zu\n", s->quiet);
	if (t->seed)
		fprintf(stderr, "lockaudit: %zu of %zu files unchanged since the last run: their results reused\n",
			t->nseeded, t->nfiles);
	fprintf(stderr, "lockaudit: %.2f MB in %.3f s, %.2f MB/s, %d job%s\n", mb, s->seconds,
		s->seconds > 0 ? mb / s->seconds : 0.0, s->jobs, s->jobs == 1 ? "" : "s");
}

/* The per-file results of the last run with these options (--cache-dir); salt is what the
 * files' parse depends on beyond their own text (the headers' attribute macros). */
static char *results_path(const struct options *o, uint64_t salt)
{
	uint64_t k;
	if (!cache_options_key(o, &k))
		return NULL;
	k ^= salt;
	size_t n = strlen(o->cache_dir) + 64;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/files-%016llx.txt", o->cache_dir, (unsigned long long)k);
	return p;
}

/* Whether a header's rename of one primitive to another changes what the call does (its
 * effect or its success convention): memcached's mutex_trylock over pthread_mutex_trylock. */
static bool renames_differently(const struct lockapi *api, const struct primitive_rename *r)
{
	const struct lockprim *a = lockapi_call(api, r->name), *b = lockapi_call(api, r->other);
	return a && b && (a->effect != b->effect || a->success != b->success);
}

static void report(const struct options *opt, const struct finding_list *fl)
{
	if (opt->format == FORMAT_JSON) {
		report_json(fl, stdout);
	} else if (opt->format == FORMAT_SARIF) {
		report_sarif(fl, LOCKAUDIT_VERSION, stdout);
	} else if (opt->quiet) {
		for (size_t i = 0; i < fl->n; i++) {
			const struct finding *f = &fl->v[i];
			printf("%s:%u:%u: warning: %s [%s]\n", f->file, f->loc.line, f->loc.col, f->message,
			       finding_kind_name(f->kind));
		}
	} else {
		report_text(fl, stdout);
	}
}

int main(int argc, char **argv)
{
	struct options opt;
	enum args_result ar = parse_args(&opt, argc, argv);
	if (ar != ARGS_RUN) {
		free(opt.paths);
		return ar == ARGS_DONE ? 0 : 2;
	}
	char err[512];
	struct lockapi *api = lockapi_new(opt.profiles, err, sizeof(err));
	if (!api || (opt.config && !lockapi_load_config(api, opt.config, err, sizeof(err)))) {
		fprintf(stderr, "lockaudit: %s\n", err);
		lockapi_free(api);
		free(opt.paths);
		return 2;
	}
	if (opt.review) {
		int status = review_run(&opt, api);
		lockapi_free(api);
		free(opt.paths);
		return status;
	}
	if (opt.dump == DUMP_KINDS || opt.dump == DUMP_PRIMITIVES) {
		if (opt.dump == DUMP_KINDS)
			report_kinds_markdown(stdout);
		else
			lockapi_dump(api, stdout);
		lockapi_free(api);
		free(opt.paths);
		return 0;
	}
	struct tree t;
	tree_init(&t, &opt, api);
	if (opt.tree_root)
		tree_add_context(&t, opt.tree_root);
	for (int i = 0; i < opt.npaths; i++)
		tree_add_path(&t, opt.paths[i]);
	uint64_t learnt = 0;	/* what the files' reading depends on beyond their own text */
	if (!opt.parse_only) {
		tree_learn_attr_macros(&t);
		learnt = t.attr_macros.hash;
		for (size_t i = 0; i < t.renames.n; i++)	/* a renamed primitive is the other one */
			if (!t.renames.v[i].ambiguous && renames_differently(api, &t.renames.v[i]) &&
			    lockapi_alias(api, t.renames.v[i].name, t.renames.v[i].other)) {
				learnt = hash_bytes(t.renames.v[i].name, strlen(t.renames.v[i].name), learnt);
				learnt = hash_bytes(t.renames.v[i].other, strlen(t.renames.v[i].other), learnt);
			}
	}
	struct finding_list fl;
	struct arena cache_arena = {0};
	uint64_t key = 0;
	bool cacheable = opt.cache_dir && opt.dump == DUMP_NONE && !opt.parse_only && !t.input_error &&
			 cache_key(&t, &opt, &key);
	bool cached = cacheable && cache_load(opt.cache_dir, key, &fl, &cache_arena);
	struct tree last;	/* the last run's per-file results: a seed */
	bool seeded = false;
	char *results = cacheable ? results_path(&opt, learnt) : NULL;
	if (!cached && results) {
		tree_init(&last, &opt, api);
		seeded = sumcache_load(results, &last);
		if (seeded)
			tree_seed(&t, &last);
		else
			tree_release(&last);
	}
	if (!cached) {
		tree_run(&t);
		tree_findings(&t, &fl);
		if (cacheable)
			cache_store(opt.cache_dir, key, &fl);
		if (results)
			sumcache_store(results, &t);
	}
	if (opt.dump == DUMP_SUMMARY)
		summary_dump_all(t.sums, stdout);
	else if (opt.dump == DUMP_NONE && !opt.parse_only)
		report(&opt, &fl);
	if (opt.stats && cached)
		fprintf(stderr, "lockaudit: %zu files unchanged: answered from the cache in %s, findings %zu\n",
			t.nfiles, opt.cache_dir, fl.n);
	else if (opt.stats)
		print_stats(&t, fl.n);
	int status = t.input_error ? 2 : fl.n ? 1 : 0;
	findings_release(&fl);
	arena_release(&cache_arena);
	tree_release(&t);
	if (seeded)
		tree_release(&last);
	free(results);
	lockapi_free(api);
	free(opt.paths);
	return status;
}

/* main: command line -> list of files -> per-file pipeline -> report -> exit status.
 * The pipeline of one file reads as the data flows:
 *   source_read -> parse_file -> cfg_build -> analysis_run -> findings_collect
 * and the run ends with findings_sort -> report_*. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "arena.h"
#include "cfg.h"
#include "findings.h"
#include "lockapi.h"
#include "options.h"
#include "parse.h"
#include "report.h"
#include "source.h"
#include "util.h"

static const char usage[] =
	"usage: lockaudit [check] [options] PATH...\n"
	"\n"
	"Finds lock-balance bugs in C source (files, or directories searched for .c and .h).\n"
	"\n"
	"  --format=text|json|sarif  output format (default text)\n"
	"  --profile=NAME[,NAME]     lock primitives to know: linux, pthread, dpdk, zfs (default: all)\n"
	"  --config FILE             add project primitives (see docs/config.md)\n"
	"  -j N                      worker threads (accepted; the analysis runs on one)\n"
	"  -q                        warnings only: no notes, no messages about skipped input\n"
	"  -v                        also say which files and functions were skipped and why\n"
	"  --stats                   print files, functions, parse errors and speed on stderr\n"
	"  --parse-only              parse and stop (for benchmarks)\n"
	"  --dump=ast|cfg|primitives print a stage's output (for developers)\n"
	"  --dump=kinds              the finding kinds, as docs/findings.md lists them\n"
	"  --version, --help\n"
	"\n"
	"Exit status: 0 no findings, 1 findings, 2 usage or input error.\n";

struct stats {
	size_t files, functions, functions_with_errors, functions_not_analysed, bytes, skipped;
	double seconds;
};

struct run {
	const struct options *opt;
	struct parser parser;
	struct lockapi *api;
	struct arena run_arena, scratch;
	struct finding_list findings;
	struct stats stats;
	bool input_error;
};

enum args_result { ARGS_RUN, ARGS_DONE, ARGS_BAD };

static enum args_result parse_args(struct options *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	o->paths = xcalloc((size_t)argc, sizeof(char *));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i == 1 && strcmp(a, "check") == 0)
			continue;
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
		} else if (strncmp(a, "--dump=", 7) == 0) {
			const char *d = a + 7;
			if (strcmp(d, "ast") == 0) o->dump = DUMP_AST;
			else if (strcmp(d, "cfg") == 0) o->dump = DUMP_CFG;
			else if (strcmp(d, "primitives") == 0) o->dump = DUMP_PRIMITIVES;
			else if (strcmp(d, "kinds") == 0) o->dump = DUMP_KINDS;
			else return fprintf(stderr, "lockaudit: unknown dump '%s'\n%s", d, usage), ARGS_BAD;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "lockaudit: unknown option '%s'\n%s", a, usage);
			return ARGS_BAD;
		} else {
			o->paths[o->npaths++] = argv[i];
		}
	}
	if (o->jobs < 1) {
		fprintf(stderr, "lockaudit: -j needs a positive number\n");
		return ARGS_BAD;
	}
	if (o->npaths == 0 && o->dump != DUMP_PRIMITIVES && o->dump != DUMP_KINDS) {
		fputs(usage, stderr);
		return ARGS_BAD;
	}
	return ARGS_RUN;
}

static void input_message(struct run *r, const char *path, const char *msg, bool error)
{
	if (error)
		r->input_error = true;
	if (error || !r->opt->quiet)
		fprintf(stderr, "lockaudit: %s: %s\n", path, msg);
}

/* One file through the pipeline. */
static void check_file(struct run *r, const char *path)
{
	struct source src;
	char err[256];
	enum source_status st = source_read(&src, path, err, sizeof(err));
	if (st != SOURCE_OK) {
		input_message(r, path, err, st == SOURCE_MISSING);
		r->stats.skipped++;
		return;
	}
	if (src.bad_utf8)
		input_message(r, path, "invalid UTF-8; analysed as bytes", false);
	r->stats.files++;
	r->stats.bytes += src.len;
	struct parsed_file pf;
	if (!parse_file(&r->parser, &src, &pf)) {
		input_message(r, path, "parse took too long; skipped", false);
		parse_file_release(&pf);
		source_release(&src);
		return;
	}
	r->stats.functions += pf.nfunctions;
	r->stats.functions_with_errors += pf.nfunctions_with_errors;
	r->stats.functions_not_analysed += pf.nfunctions_not_analysed;
	const char *file = arena_strdup(&r->run_arena, path);
	if (r->opt->dump == DUMP_AST)
		parse_dump(&pf, stdout);
	for (size_t i = 0; i < pf.nfunctions && !r->opt->parse_only && r->opt->dump != DUMP_AST; i++) {
		struct cfg *cfg = cfg_build(&r->scratch, &r->parser, &pf, i, r->api);
		if (lockapi_call(r->api, cfg->name) && r->opt->dump != DUMP_CFG) {
			/* The body of a primitive (rte_spinlock_trylock itself): it is the lock. */
			arena_reset(&r->scratch);
			continue;
		}
		if (r->opt->dump == DUMP_CFG) {
			cfg_dump(cfg, stdout);
		} else {
			struct analysis res;
			analysis_run(&res, &r->scratch, cfg);
			findings_collect(&r->findings, &r->run_arena, file, &res);
			if (cfg->has_error && r->opt->verbose)
				fprintf(stderr, "lockaudit: %s:%u: '%s' has syntax errors; not reported\n", path,
					cfg->loc.line, cfg->name);
		}
		arena_reset(&r->scratch);
	}
	parse_file_release(&pf);
	source_release(&src);
}

static bool wanted(const char *name)
{
	return has_suffix(name, ".c") || has_suffix(name, ".h");
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories in sorted order, so output and stats never depend on readdir's order.
 * Hidden entries (.git) and symbolic links to directories are not followed. */
static void walk(struct run *r, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		input_message(r, path, strerror(errno), true);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		check_file(r, path);
		return;
	}
	if (depth > 64)
		return;
	DIR *d = opendir(path);
	if (!d) {
		input_message(r, path, strerror(errno), true);
		return;
	}
	VEC(char *) names = {0};
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(path) + strlen(e->d_name) + 2;
		char *full = xmalloc(n);
		snprintf(full, n, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", e->d_name);
		struct stat lst;
		if (lstat(full, &lst) == 0 && (S_ISDIR(lst.st_mode) || (S_ISREG(lst.st_mode) && wanted(e->d_name))))
			VEC_PUSH(&names, full);
		else
			free(full);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof(char *), name_cmp);
	for (size_t i = 0; i < names.n; i++) {
		walk(r, names.v[i], depth + 1);
		free(names.v[i]);
	}
	VEC_FREE(&names);
}

static void print_stats(const struct run *r)
{
	const struct stats *s = &r->stats;
	double mb = (double)s->bytes / 1e6;
	fprintf(stderr, "lockaudit: files %zu, skipped %zu, functions %zu, with parse errors %zu (%.1f%%), "
		"not analysed for them %zu (%.1f%%), findings %zu\n",
		s->files, s->skipped, s->functions, s->functions_with_errors,
		s->functions ? 100.0 * (double)s->functions_with_errors / (double)s->functions : 0.0,
		s->functions_not_analysed,
		s->functions ? 100.0 * (double)s->functions_not_analysed / (double)s->functions : 0.0, r->findings.n);
	fprintf(stderr, "lockaudit: %.2f MB in %.3f s, %.2f MB/s\n", mb, s->seconds,
		s->seconds > 0 ? mb / s->seconds : 0.0);
}

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
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
	struct run r = {.opt = &opt};
	r.api = lockapi_new(opt.profiles, err, sizeof(err));
	if (!r.api || (opt.config && !lockapi_load_config(r.api, opt.config, err, sizeof(err)))) {
		fprintf(stderr, "lockaudit: %s\n", err);
		lockapi_free(r.api);
		free(opt.paths);
		return 2;
	}
	if (opt.dump == DUMP_KINDS) {
		report_kinds_markdown(stdout);
		lockapi_free(r.api);
		free(opt.paths);
		return 0;
	}
	if (opt.dump == DUMP_PRIMITIVES) {
		lockapi_dump(r.api, stdout);
		lockapi_free(r.api);
		free(opt.paths);
		return 0;
	}
	parser_init(&r.parser);
	double start = now_seconds();
	for (int i = 0; i < opt.npaths; i++)
		walk(&r, opt.paths[i], 0);
	r.stats.seconds = now_seconds() - start;
	findings_sort(&r.findings);
	if (opt.dump == DUMP_NONE && !opt.parse_only) {
		if (opt.format == FORMAT_JSON)
			report_json(&r.findings, stdout);
		else if (opt.format == FORMAT_SARIF)
			report_sarif(&r.findings, LOCKAUDIT_VERSION, stdout);
		else if (opt.quiet)
			for (size_t i = 0; i < r.findings.n; i++) {
				const struct finding *f = &r.findings.v[i];
				printf("%s:%u:%u: warning: %s [%s]\n", f->file, f->loc.line, f->loc.col, f->message,
				       finding_kind_name(f->kind));
			}
		else
			report_text(&r.findings, stdout);
	}
	if (opt.stats)
		print_stats(&r);
	int status = r.input_error ? 2 : r.findings.n ? 1 : 0;
	findings_release(&r.findings);
	arena_release(&r.run_arena);
	arena_release(&r.scratch);
	parser_release(&r.parser);
	lockapi_free(r.api);
	free(opt.paths);
	return status;
}

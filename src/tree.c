/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "tree.h"
#include "analysis.h"
#include "cfg.h"
#include "macrobody.h"
#include "source.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void tree_init(struct tree *t, const struct options *opt, const struct lockapi *api)
{
	memset(t, 0, sizeof(*t));
	t->opt = opt;
	t->api = api;
	parser_init(&t->parser);
	t->sums = summary_table_new();
	contracts_init(&t->contracts);
}

static void input_message(struct tree *t, const char *path, const char *msg, bool error)
{
	if (error)
		t->input_error = true;
	if (error || !t->opt->quiet)
		fprintf(stderr, "lockaudit: %s: %s\n", path, msg);
}

/* --- one file -------------------------------------------------------------------------- */

static void note_callees(struct tree_file *f, const struct cfg *c, struct strset *seen)
{
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_CALL && strset_add(seen, e->key)) {
				f->callees = xrealloc(f->callees, (f->ncallees + 1) * sizeof(*f->callees));
				f->callees[f->ncallees++] = arena_strdup(&f->arena, e->key);
			}
		}
}

/* Records fn's summary; a change is what makes its callers' files run again. */
static void update_summary(struct tree *t, struct tree_file *f, const struct analysis *res, bool imbalanced)
{
	summary_note_defined(t->sums, res->cfg->name);
	struct summary *s = summary_of(t->sums, res, f->path, imbalanced);
	bool changed = s ? summary_put(t->sums, s) : summary_drop(t->sums, res->cfg->name, f->path);
	if (changed)
		strset_add(&t->changed, res->cfg->name);
}

static void analyse_function(struct tree *t, struct tree_file *f, const struct parsed_file *pf, size_t i,
			     struct strset *callees)
{
	const struct options *o = t->opt;
	struct cfg *cfg = cfg_build(&t->scratch, &t->parser, pf, i, t->api, !t->opt->no_guess);
	if (o->dump == DUMP_CFG) {
		cfg_dump(cfg, stdout);
		return;
	}
	if (lockapi_call(t->api, cfg->name))
		return;	/* the body of a primitive (rte_spinlock_trylock itself): it is the lock */
	if (callees)
		note_callees(f, cfg, callees);
	struct analysis res;
	analysis_run(&res, &t->scratch, cfg, t->opt->no_summaries ? NULL : t->sums, f->path);
	size_t before = f->findings.n;
	findings_collect(&f->findings, &f->arena, f->path, &res);
	bool imbalanced = false;
	for (size_t k = before; k < f->findings.n; k++)
		imbalanced |= f->findings.v[k].kind == FK_INCONSISTENT_RETURN;
	update_summary(t, f, &res, imbalanced);
	contracts_note_calls(&t->contracts, &res, f->path);
	for (size_t k = 0; k < res.nguessed; k++)
		strset_add(&f->guessed, res.guessed[k]);
	if (cfg->has_error && o->verbose && callees)
		fprintf(stderr, "lockaudit: %s:%u: '%s' has syntax errors; not reported\n", f->path,
			cfg->loc.line, cfg->name);
}

/* Function-like macros that lock get summaries like functions (never findings: a macro
 * body is a fragment of its callers). */
static void analyse_macros(struct tree *t, struct tree_file *f, const struct parsed_file *pf, struct strset *callees)
{
	struct macro_fn *macros;
	size_t n = macrobody_collect(&t->parser, pf, t->api, &macros);
	for (size_t i = 0; i < n; i++) {
		struct cfg *cfg = cfg_build(&t->scratch, &t->parser, &macros[i].pf, 0, t->api, false);
		cfg->is_macro = !macros[i].expression;
		if (!lockapi_call(t->api, cfg->name)) {
			if (callees)
				note_callees(f, cfg, callees);
			struct analysis res;
			analysis_run(&res, &t->scratch, cfg, t->sums, f->path);
			update_summary(t, f, &res, false);
		}
		arena_reset(&t->scratch);
	}
	if (callees)
		t->stats.macros += n;
	macrobody_release(macros, n);
}

/* One file through the pipeline: source -> parse -> CFG -> analysis -> findings/summaries.
 * Round 0 also counts it and notes the names it calls. */
static void analyse_file(struct tree *t, struct tree_file *f, bool first)
{
	struct source src;
	char err[256];
	enum source_status st = source_read(&src, f->path, err, sizeof(err));
	if (st != SOURCE_OK) {
		if (first) {
			input_message(t, f->path, err, st == SOURCE_MISSING);
			t->stats.skipped++;
		}
		return;
	}
	if (first && src.bad_utf8)
		input_message(t, f->path, "invalid UTF-8; analysed as bytes", false);
	struct parsed_file pf;
	bool parsed = parse_file(&t->parser, &src, &pf);
	if (first) {
		t->stats.files++;
		t->stats.bytes += src.len;
		t->stats.functions += pf.nfunctions;
		t->stats.functions_with_errors += pf.nfunctions_with_errors;
		t->stats.functions_not_analysed += pf.nfunctions_not_analysed;
		if (!parsed)
			input_message(t, f->path, "parse took too long; skipped", false);
	} else {
		t->stats.reanalysed++;
	}
	findings_release(&f->findings);
	contracts_forget_file(&t->contracts, f->path);
	if (parsed && first && t->opt->dump == DUMP_NONE)
		contracts_scan_tables(&t->contracts, &t->parser.g, &pf, f->path);
	struct strset callees = {0};
	if (parsed && t->opt->dump == DUMP_AST)
		parse_dump(&pf, stdout);
	/* Macros first: a file usually defines its lock macros before it uses them. */
	if (parsed && t->opt->dump != DUMP_AST && t->opt->dump != DUMP_CFG && !t->opt->parse_only &&
	    !t->opt->no_summaries)
		analyse_macros(t, f, &pf, first ? &callees : NULL);
	for (size_t i = 0; parsed && i < pf.nfunctions && !t->opt->parse_only && t->opt->dump != DUMP_AST; i++) {
		analyse_function(t, f, &pf, i, first ? &callees : NULL);
		arena_reset(&t->scratch);
	}
	strset_release(&callees);
	parse_file_release(&pf);
	source_release(&src);
}

/* --- the file list ----------------------------------------------------------------------- */

static void add_file(struct tree *t, const char *path, bool context)
{
	char *real = realpath(path, NULL);
	for (size_t i = 0; real && i < t->nfiles; i++)
		if (t->files[i].real && strcmp(t->files[i].real, real) == 0) {
			t->files[i].context &= context;	/* named on the command line: reported */
			free(real);
			return;
		}
	if (t->nfiles == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->files = xrealloc(t->files, t->cap * sizeof(*t->files));
	}
	t->files[t->nfiles++] = (struct tree_file){.path = xstrdup(path), .real = real, .context = context};
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
static void walk(struct tree *t, const char *path, int depth, bool context)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		input_message(t, path, strerror(errno), true);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add_file(t, path, context);
		return;
	}
	if (depth > 64)
		return;
	DIR *d = opendir(path);
	if (!d) {
		input_message(t, path, strerror(errno), true);
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
		walk(t, names.v[i], depth + 1, context);
		free(names.v[i]);
	}
	VEC_FREE(&names);
}

void tree_add_path(struct tree *t, const char *path)
{
	walk(t, path, 0, false);
}

void tree_add_context(struct tree *t, const char *root)
{
	walk(t, root, 0, true);
}

/* --- rounds ------------------------------------------------------------------------------ */

static bool calls_changed(const struct tree *t, const struct tree_file *f, const struct strset *changed)
{
	(void)t;
	for (size_t i = 0; i < f->ncallees; i++)
		if (strset_has(changed, f->callees[i]))
			return true;
	return false;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tree_run(struct tree *t)
{
	double start = now_seconds();
	for (size_t i = 0; i < t->nfiles; i++)
		analyse_file(t, &t->files[i], true);
	t->stats.rounds = 1;
	/* A name guessed as a lock in round 0 whose definition turned up later: the definition
	 * (its summary, or its lack of one) is what the next round must use. */
	for (size_t i = 0; i < t->nfiles; i++)
		for (size_t k = 0; k < t->files[i].guessed.cap; k++) {
			const char *g = t->files[i].guessed.slot[k];
			if (g && summary_defined(t->sums, g))
				strset_add(&t->changed, g);
		}
	bool dumping = t->opt->dump == DUMP_AST || t->opt->dump == DUMP_CFG || t->opt->parse_only ||
		       t->opt->no_summaries;
	for (int round = 1; round <= TREE_MAX_ROUNDS && t->changed.n && !dumping; round++) {
		struct strset changed = t->changed;
		t->changed = (struct strset){0};
		for (size_t i = 0; i < t->nfiles; i++)
			if (calls_changed(t, &t->files[i], &changed))
				analyse_file(t, &t->files[i], false);
		strset_release(&changed);
		t->stats.rounds++;
	}
	if (!dumping)
		contracts_check(&t->contracts, t->sums, &t->contract_findings, &t->run_arena);
	t->stats.summaries = summary_count(t->sums);
	t->stats.seconds = now_seconds() - start;
}

static bool reported_file(const struct tree *t, const char *path)
{
	for (size_t i = 0; i < t->nfiles; i++)
		if (strcmp(t->files[i].path, path) == 0)
			return !t->files[i].context;
	return true;
}

void tree_findings(const struct tree *t, struct finding_list *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < t->nfiles; i++) {
		const struct finding_list *fl = &t->files[i].findings;
		if (t->files[i].context)
			continue;
		for (size_t k = 0; k < fl->n; k++)
			VEC_PUSH(out, fl->v[k]);
		for (size_t k = 0; k < fl->nnotices; k++)
			findings_notice_copy(out, &fl->notices[k]);
	}
	for (size_t k = 0; k < t->contract_findings.n; k++)
		if (reported_file(t, t->contract_findings.v[k].file))
			VEC_PUSH(out, t->contract_findings.v[k]);
	findings_sort(out);
}

void tree_release(struct tree *t)
{
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		findings_release(&f->findings);
		arena_release(&f->arena);
		free(f->callees);
		free(f->path);
		free(f->real);
		strset_release(&f->guessed);
	}
	free(t->files);
	strset_release(&t->changed);
	contracts_release(&t->contracts);
	findings_release(&t->contract_findings);
	arena_release(&t->run_arena);
	summary_table_free(t->sums);
	arena_release(&t->scratch);
	parser_release(&t->parser);
}

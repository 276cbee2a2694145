/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "tree.h"

#include "analysis.h"
#include "cfg.h"
#include "defscan.h"
#include "macrobody.h"
#include "nameguess.h"
#include "quiet.h"
#include "source.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int jobs_for(const struct options *opt)
{
	if (opt->dump == DUMP_AST || opt->dump == DUMP_CFG)
		return 1;	/* dumps print as they go: one worker keeps them in file order */
	if (opt->jobs > 0)
		return opt->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

void tree_init(struct tree *t, const struct options *opt, const struct lockapi *api)
{
	memset(t, 0, sizeof(*t));
	t->opt = opt;
	t->api = api;
	t->nworkers = jobs_for(opt);
	t->workers = xcalloc((size_t)t->nworkers, sizeof(*t->workers));
	for (int i = 0; i < t->nworkers; i++) {
		t->workers[i].t = t;
		parser_init(&t->workers[i].parser);
		t->workers[i].parser.learnt = &t->attr_macros;
	}
	t->sums = summary_table_new();
	contracts_init(&t->contracts);
}

static void note_attr_macro(void *ctx, const char *name, int kind)
{
	attr_macros_add(ctx, name, kind);
}

static void note_rename(void *ctx, const char *name, const char *other)
{
	struct tree *t = ctx;
	for (size_t i = 0; i < t->renames.n; i++)
		if (strcmp(t->renames.v[i].name, name) == 0) {
			t->renames.v[i].ambiguous |= strcmp(t->renames.v[i].other, other) != 0;
			return;
		}
	VEC_PUSH(&t->renames, ((struct primitive_rename){xstrdup(name), xstrdup(other), false}));
}

void tree_learn_attr_macros(struct tree *t)
{
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		struct source src;
		char err[256];
		if (!has_suffix(f->path, ".h"))
			continue;
		enum source_status st = f->blob ? source_from_memory(&src, f->path, f->blob, f->blob_len, err, sizeof(err))
						: source_read(&src, f->path, err, sizeof(err));
		if (st != SOURCE_OK)
			continue;
		defscan_attr_macros(src.text, src.len, note_attr_macro, &t->attr_macros);
		defscan_renames(src.text, src.len, note_rename, t);
		source_release(&src);
	}
}

/* Messages about input go to the file's buffer: printed after the round, in file order. */
static void input_message(struct tree *t, struct tree_file *f, const char *path, const char *msg, bool error)
{
	if (error)
		f->input_error = true;
	if (error || !t->opt->quiet)
		sb_printf(&f->messages, "lockaudit: %s: %s\n", path, msg);
}

/* --- one file (on a worker) ------------------------------------------------------------ */

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

/* Keeps fn's summary for the merge; a change is what makes its callers' files run again. */
static void keep_summary(struct tree_file *f, const struct analysis *res, bool imbalanced)
{
	VEC_PUSH(&f->defined, xstrdup(res->cfg->name));
	struct summary *s = summary_of(&f->sum_arena, res, f->path, imbalanced);
	if (s) {
		VEC_PUSH(&f->new_sums, s);
		sum_index_put(&f->new_index, s->name, (uint32_t)(f->new_sums.n - 1));
	}
	else
		VEC_PUSH(&f->no_sum, xstrdup(res->cfg->name));
}

static struct summary_view view_of(const struct tree *t, const struct tree_file *f)
{
	return (struct summary_view){t->opt->no_summaries ? NULL : t->sums, f->new_sums.v, f->new_sums.n, &f->new_index};
}

uint64_t tree_code_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\\')
			h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void note_function(struct tree_file *f, const struct parsed_file *pf, size_t i, const struct cfg *cfg)
{
	uint32_t b = ts_node_start_byte(pf->functions[i]), e = ts_node_end_byte(pf->functions[i]);
	struct tree_fn fn = {arena_strdup(&f->arena, cfg->name), tree_code_hash(pf->src->text + b, e - b), cfg->loc,
			     cfg->has_error};
	VEC_PUSH(&f->fns, fn);
}

/* Analyses one function's CFG: findings, summary, contracts, guesses. */
static void analyse_cfg(struct worker *w, struct tree_file *f, struct cfg *cfg, bool verbose)
{
	struct tree *t = w->t;
	const struct options *o = t->opt;
	struct analysis res;
	struct summary_view view = view_of(t, f);
	analysis_run(&res, &w->scratch, cfg, o->no_summaries ? NULL : &view, f->path);
	size_t before = f->findings.n, notices = f->findings.nnotices;
	findings_collect(&f->findings, &f->arena, f->path, &res);
	if (res.over_budget && res.steps >= TREE_RETRY_STEPS && f->findings.nnotices > notices)
		VEC_PUSH(&f->over_budget, f->findings.notices[f->findings.nnotices - 1]);
	bool imbalanced = false;
	for (size_t k = before; k < f->findings.n; k++)
		imbalanced |= f->findings.v[k].kind == FK_INCONSISTENT_RETURN;
	keep_summary(f, &res, imbalanced);
	contracts_note_calls(&f->contracts, &res, f->path);
	for (size_t k = 0; k < res.nguessed; k++)
		strset_add(&f->guessed, res.guessed[k]);
	if (cfg->has_error && o->verbose && verbose)
		sb_printf(&f->messages, "lockaudit: %s:%u: '%s' has syntax errors; not reported\n", f->path,
			  cfg->loc.line, cfg->name);
}


/* The notice of a function that ran out of budget in an earlier round, or NULL. */
static const struct notice *over_budget(const struct tree_file *f, const struct cfg *cfg)
{
	for (size_t i = 0; i < f->over_budget.n; i++)
		if (f->over_budget.v[i].loc.line == cfg->loc.line && f->over_budget.v[i].loc.col == cfg->loc.col)
			return &f->over_budget.v[i];
	return NULL;
}

/* Whether a big function waits for the rounds after the first: its callees defined in the
 * tree (rrw_exit under zfs_exit) may get or change summaries then, and a big function
 * analysed now would be analysed again for each change.  Waiting, it runs once they
 * settle.  Small functions run now: they are cheap, and they are the wrappers whose
 * summaries the others wait for. */
static bool defers(const struct tree *t, const struct tree_file *f, const struct cfg *cfg)
{
	if (t->seed || cfg->nblocks < TREE_DEFER_BLOCKS || cfg->has_error || cfg->too_deep || has_suffix(f->path, ".h"))
		return false;
	for (uint32_t b = 0; b < cfg->nblocks; b++)
		for (uint32_t i = 0; i < cfg->blocks[b]->nevents; i++) {
			const struct event *e = &cfg->blocks[b]->events[i];
			if (e->kind == EV_CALL && e->key && strcmp(e->key, cfg->name) != 0 && summary_defined(t->sums, e->key))
				return true;
		}
	return false;
}

struct quiet_ctx {
	struct summary_view view;
	const char *file;
	const struct strset *calls_in_file;
	VEC(const char *) calls;	/* the names it calls, kept only if it is skipped */
};

static bool quiet_known(void *ctx, const char *name)
{
	const struct quiet_ctx *q = ctx;
	return summary_view_lookup(&q->view, name, q->file) != NULL;
}

/* As nameguess_pair and apply_guess would: the other half called in the file, the name
 * not defined in the tree. */
static bool quiet_guessable(void *ctx, const char *name)
{
	const struct quiet_ctx *q = ctx;
	return !summary_view_defined(&q->view, name) && nameguess_could_pair(name, q->calls_in_file);
}

static void quiet_note(void *ctx, const char *name)
{
	struct quiet_ctx *q = ctx;
	VEC_PUSH(&q->calls, xstrdup(name));
}

/* What a skipped function calls: a file that calls a changed name runs again. */
static void keep_quiet_calls(struct tree_file *f, struct quiet_ctx *q, struct strset *callees)
{
	for (size_t k = 0; k < q->calls.n; k++) {
		const char *name = q->calls.v[k];
		strset_add(&f->quiet_calls, name);
		if (strset_add(callees, name)) {
			f->callees = xrealloc(f->callees, (f->ncallees + 1) * sizeof(*f->callees));
			f->callees[f->ncallees++] = arena_strdup(&f->arena, name);
		}
	}
}

static void drop_quiet_calls(struct quiet_ctx *q)
{
	for (size_t k = 0; k < q->calls.n; k++)
		free((char *)q->calls.v[k]);
	VEC_FREE(&q->calls);
}

/* Round 0, a function that cannot touch a lock (quiet.h): what analysing it would have
 * recorded (defined, no summary, its text for review), without its CFG. */
static bool skip_quiet(struct worker *w, struct tree_file *f, const struct parsed_file *pf, size_t i,
		       struct strset *callees)
{
	struct tree *t = w->t;
	TSNode fn = pf->functions[i];
	TSNode body = node_field(&w->parser.g, fn, F_body);
	uint32_t from = ts_node_start_byte(fn), to = ts_node_end_byte(fn);
	if (!t->quiet_ready || t->opt->dump != DUMP_NONE || ts_node_has_error(fn))
		return false;
	for (size_t k = 0; k < pf->annotations.n; k++)
		if (pf->annotations.v[k].offset >= from && pf->annotations.v[k].offset < to)
			return false;
	struct quiet_rules rules = {&t->quiet_table, !t->opt->no_guess};
	struct quiet_ctx q = {view_of(t, f), f->path, &pf->calls, {0}};
	if (ts_node_is_null(body) || !quiet_function(pf->text, ts_node_start_byte(body), to, &rules, &t->may_lock,
						      quiet_known, quiet_guessable, &q, quiet_note, &q)) {
		drop_quiet_calls(&q);
		return false;
	}
	char name[256];
	parse_function_name(&w->parser.g, pf->text, fn, name, sizeof(name));
	if (lockapi_call(t->api, name)) {
		drop_quiet_calls(&q);
		return true;	/* the body of a primitive: it is the lock */
	}
	for (size_t k = 0; pf->annotated_fn && k < pf->annotations.n; k++)
		if (pf->annotated_fn[k] && strcmp(pf->annotated_fn[k], name) == 0) {
			drop_quiet_calls(&q);
			return false;	/* held to its declaration's annotations */
		}
	keep_quiet_calls(f, &q, callees);
	drop_quiet_calls(&q);
	struct tree_fn tf = {arena_strdup(&f->arena, name), tree_code_hash(pf->src->text + from, to - from), (struct loc){ts_node_start_point(fn).row + 1, ts_node_start_point(fn).column + 1},
			     false};
	VEC_PUSH(&f->fns, tf);
	VEC_PUSH(&f->defined, xstrdup(name));
	VEC_PUSH(&f->no_sum, xstrdup(name));
	f->quiet_skips++;
	f->stats.quiet++;
	return true;
}

static void analyse_function(struct worker *w, struct tree_file *f, const struct parsed_file *pf, size_t i,
			     struct strset *callees, bool keep)
{
	struct tree *t = w->t;
	const struct options *o = t->opt;
	if (callees && skip_quiet(w, f, pf, i, callees))
		return;
	struct cfg *cfg = cfg_build(keep ? &f->cfg_arena : &w->scratch, &w->parser, pf, i, t->api, !o->no_guess);
	if (o->dump == DUMP_CFG) {
		cfg_dump(cfg, stdout);
		return;
	}
	if (lockapi_call(t->api, cfg->name))
		return;	/* the body of a primitive (rte_spinlock_trylock itself): it is the lock */
	if (callees) {
		note_callees(f, cfg, callees);
		note_function(f, pf, i, cfg);
	}
	if (keep)
		VEC_PUSH(&f->cfgs, ((struct kept_cfg){.cfg = cfg}));
	if (keep && callees && defers(t, f, cfg)) {
		f->cfgs.v[f->cfgs.n - 1].dirty = true;	/* a later round runs it, its callees settled */
		VEC_PUSH(&f->defined, xstrdup(cfg->name));
		return;
	}
	const struct notice *spent = callees ? NULL : over_budget(f, cfg);
	if (spent)
		findings_notice_copy(&f->findings, spent);	/* read again from the text: said again */
	else
		analyse_cfg(w, f, cfg, callees != NULL);
}

static void analyse_macro_cfg(struct worker *w, struct tree_file *f, struct cfg *cfg)
{
	struct analysis res;
	struct summary_view view = view_of(w->t, f);
	analysis_run(&res, &w->scratch, cfg, &view, f->path);
	keep_summary(f, &res, false);
}

/* Function-like macros that lock get summaries like functions (never findings: a macro
 * body is a fragment of its callers). */
static void analyse_macros(struct worker *w, struct tree_file *f, const struct parsed_file *pf, struct strset *callees,
			   bool keep)
{
	struct tree *t = w->t;
	struct macro_fn *macros;
	size_t n = macrobody_collect(&w->parser, pf, t->api, &macros);
	for (size_t i = 0; i < n; i++) {
		struct cfg *cfg = cfg_build(keep ? &f->cfg_arena : &w->scratch, &w->parser, &macros[i].pf, 0, t->api, false);
		cfg->is_macro = !macros[i].expression;
		if (!lockapi_call(t->api, cfg->name)) {
			if (callees)
				note_callees(f, cfg, callees);
			if (keep)
				VEC_PUSH(&f->cfgs, ((struct kept_cfg){.cfg = cfg, .macro = true}));
			analyse_macro_cfg(w, f, cfg);
		}
		arena_reset(&w->scratch);
	}
	if (callees)
		f->stats.macros += n;
	macrobody_release(macros, n);
}

static void note_defined(void *ctx, const char *name)
{
	struct tree_file *f = ctx;
	VEC_PUSH(&f->defined, xstrdup(name));
}

static void reset_pending(struct tree_file *f)
{
	f->new_sums.n = 0;
	sum_index_clear(&f->new_index);
	for (size_t i = 0; i < f->no_sum.n; i++)
		free(f->no_sum.v[i]);
	f->no_sum.n = 0;
	for (size_t i = 0; i < f->defined.n; i++)
		free(f->defined.v[i]);
	f->defined.n = 0;
	memset(&f->stats, 0, sizeof(f->stats));
	f->messages.len = 0;
	if (f->messages.buf)
		f->messages.buf[0] = '\0';
}

static void count_file(struct tree *t, struct tree_file *f, const struct source *src, const struct parsed_file *pf,
		       bool parsed)
{
	f->stats.files++;
	f->stats.bytes += src->len;
	f->stats.functions += pf->nfunctions;
	f->stats.functions_with_errors += pf->nfunctions_with_errors;
	f->stats.functions_not_analysed += pf->nfunctions_not_analysed;
	if (src->bad_utf8)
		input_message(t, f, f->path, "invalid UTF-8; analysed as bytes", false);
	if (!parsed)
		input_message(t, f, f->path, "parse took too long; skipped", false);
}

/* One file through the pipeline: source -> parse -> CFG -> analysis -> findings/summaries.
 * Round 0 also counts it and notes the names it calls and its ops tables. */
/* A later round over a file whose CFGs are kept: the analysis again, without the text. */

/* Whether the function calls a name whose summary changed in the round before: the
 * others would come out the same, and keep what they produced. */
static bool calls_changed_summary(const struct tree *t, const struct tree_file *f, const struct cfg *c)
{
	bool header = has_suffix(f->path, ".h");
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_CALL && e->key &&
			    ((t->round_changed && strset_has(t->round_changed, e->key)) ||
			     (header && t->round_headers && strset_has(t->round_headers, e->key))))
				return true;
		}
	return false;
}

/* Whether kept CFG i runs as a function this round (not a macro, its budget not spent). */
static bool runs_as_function(const struct tree_file *f, size_t i)
{
	return f->cfgs.v[i].run && !f->cfgs.v[i].macro && !over_budget(f, f->cfgs.v[i].cfg);
}

static void reanalyse_kept(struct worker *w, struct tree_file *f)
{
	f->stats.reanalysed++;
	/* What the functions that run again were reported for goes first, in one pass. */
	struct strset fns = {0}, at = {0};
	char where[32];
	for (size_t i = 0; i < f->cfgs.n; i++)
		if (runs_as_function(f, i)) {
			strset_add(&fns, f->cfgs.v[i].cfg->name);
			snprintf(where, sizeof(where), "%u:%u", f->cfgs.v[i].cfg->loc.line, f->cfgs.v[i].cfg->loc.col);
			strset_add(&at, where);
		}
	if (fns.n) {
		findings_forget_functions(&f->findings, &fns, &at);
		contracts_forget_functions(&f->contracts, f->path, &fns);
	}
	strset_release(&fns);
	strset_release(&at);
	for (size_t i = 0; i < f->cfgs.n; i++) {
		struct cfg *cfg = f->cfgs.v[i].cfg;
		if (!f->cfgs.v[i].run)
			continue;
		bool function = runs_as_function(f, i);
		f->cfgs.v[i].run = f->cfgs.v[i].dirty = false;
		if (f->cfgs.v[i].macro)
			analyse_macro_cfg(w, f, cfg);
		else if (function)
			analyse_cfg(w, f, cfg, false);
		else
			continue;	/* its budget notice stands */
		arena_reset(&w->scratch);
	}
}

/* Annotated prototypes of functions the run does not define: their annotations are all
 * the callers can know (a header's lock API whose bodies are elsewhere or generated). */
static void analyse_prototypes(struct worker *w, struct tree_file *f, const struct parsed_file *pf)
{
	struct summary_view view = view_of(w->t, f);
	uint32_t done = UINT32_MAX, start = 0;
	for (size_t i = 0; i < pf->annotations.n; i++) {
		struct cfg *c = cfg_build_prototype(&w->scratch, &w->parser, pf, pf->annotations.v[i].offset, w->t->api,
						    &start);
		if (!c || start == done)
			continue;
		done = start;
		if (!c->name[0] || summary_view_defined(&view, c->name) || summary_view_lookup(&view, c->name, f->path))
			continue;
		struct summary *s = summary_of_annotations(&f->sum_arena, c, f->path);
		if (s) {
			VEC_PUSH(&f->new_sums, s);
			sum_index_put(&f->new_index, s->name, (uint32_t)(f->new_sums.n - 1));
		}
	}
	arena_reset(&w->scratch);
}

static void forget_all_defined(struct tree_file *f)
{
	for (size_t i = 0; i < f->all_defined.n; i++)
		free(f->all_defined.v[i]);
	f->all_defined.n = 0;
}

/* After a whole reading of the file: what it defines, all of it. */
static void remember_defined(struct tree_file *f)
{
	forget_all_defined(f);
	for (size_t i = 0; i < f->defined.n; i++)
		VEC_PUSH(&f->all_defined, xstrdup(f->defined.v[i]));
}

static void analyse_file(struct worker *w, struct tree_file *f, bool first)
{
	struct tree *t = w->t;
	const struct options *o = t->opt;
	reset_pending(f);
	if (!first && f->cfgs_kept) {
		reanalyse_kept(w, f);
		return;
	}
	/* The CFGs are kept for the rounds after this one: from the first reading while the
	 * budget lasts, else from the first re-analysis.  Either way the output is the same. */
	bool keep = o->dump == DUMP_NONE && !o->parse_only && !o->no_summaries &&
		    (!first || atomic_load(&t->kept_bytes) < TREE_KEEP_BUDGET);
	f->cfgs_kept = keep;
	struct source src;
	char err[256];
	enum source_status st = f->blob ? source_from_memory(&src, f->path, f->blob, f->blob_len, err, sizeof(err))
					: source_read(&src, f->path, err, sizeof(err));
	if (st != SOURCE_OK) {
		if (first) {
			input_message(t, f, f->path, err, st == SOURCE_MISSING);
			f->stats.skipped++;
		}
		return;
	}
	if (first) {
		f->content_hash = hash_bytes(src.text, src.len, 0);
		f->hashed = true;
	}
	struct parsed_file pf;
	bool parsed = parse_file(&w->parser, &src, &pf);
	if (first)
		count_file(t, f, &src, &pf, parsed);
	else
		f->stats.reanalysed++, f->stats.reanalysed_bytes += src.len;
	findings_release(&f->findings);
	contracts_forget_file(&f->contracts, f->path);
	if (parsed && first && o->dump == DUMP_NONE)
		contracts_scan_tables(&f->contracts, &w->parser.g, &pf, f->path);
	struct strset callees = {0};
	if (parsed && o->dump == DUMP_AST)
		parse_dump(&pf, stdout);
	if (parsed && first && !o->no_guess)
		macrobody_names(&w->parser, &pf, note_defined, f);
	/* Macros first: a file usually defines its lock macros before it uses them. */
	if (parsed && o->dump != DUMP_AST && o->dump != DUMP_CFG && !o->parse_only && !o->no_summaries)
		analyse_macros(w, f, &pf, first ? &callees : NULL, keep);
	for (size_t i = 0; parsed && i < pf.nfunctions && !o->parse_only && o->dump != DUMP_AST; i++) {
		analyse_function(w, f, &pf, i, first ? &callees : NULL, keep);
		arena_reset(&w->scratch);
	}
	if (parsed && pf.annotations.n && o->dump != DUMP_AST && o->dump != DUMP_CFG && !o->parse_only && !o->no_summaries)
		analyse_prototypes(w, f, &pf);
	if (keep)
		atomic_fetch_add(&t->kept_bytes, f->cfg_arena.used);
	remember_defined(f);
	strset_release(&callees);
	parse_file_release(&pf);
	source_release(&src);
}

/* --- the file list ----------------------------------------------------------------------- */

/* A path on the command line that cannot be read: an input error, said at once. */
static void walk_error(struct tree *t, const char *path, const char *msg)
{
	t->input_error = true;
	fprintf(stderr, "lockaudit: %s: %s\n", path, msg);
}

static void add_file(struct tree *t, const char *path, bool context, bool on_disk)
{
	char *real = on_disk ? realpath(path, NULL) : NULL;
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
	struct tree_file *f = &t->files[t->nfiles++];
	*f = (struct tree_file){.path = xstrdup(path), .real = real, .context = context};
	/* Thousands of files each keep a few small arenas for the whole run. */
	f->arena.chunk = f->sum_arena.chunk = f->contracts.arena.chunk = 2048;
}

struct tree_file *tree_add_result(struct tree *t, const char *path, uint64_t content_hash)
{
	add_file(t, path, false, false);
	struct tree_file *f = &t->files[t->nfiles - 1];
	f->content_hash = content_hash;
	f->hashed = true;
	return f;
}

void tree_add_blob(struct tree *t, const char *path, const char *data, size_t len)
{
	add_file(t, path, false, false);
	struct tree_file *f = &t->files[t->nfiles - 1];
	f->blob = data;
	f->blob_len = len;
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
		walk_error(t, path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add_file(t, path, context, true);
		return;
	}
	if (depth > 64)
		return;
	DIR *d = opendir(path);
	if (!d) {
		walk_error(t, path, strerror(errno));
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
		if (lstat(full, &lst) == 0 && (S_ISDIR(lst.st_mode) || (S_ISREG(lst.st_mode) && is_c_source(e->d_name))))
			VEC_PUSH(&names, full);
		else
			free(full);
	}
	closedir(d);
	if (names.n)
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

static bool calls_changed(const struct tree_file *f, const struct strset *changed)
{
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

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct tree *t = w->t;
	for (;;) {
		size_t i = atomic_fetch_add(&t->next, 1);
		if (i >= t->nwork)
			return NULL;
		analyse_file(w, t->work[i], t->first_round);
	}
}

/* Runs the round's files on the workers (the calling thread is worker 0). */
static void run_workers(struct tree *t)
{
	atomic_store(&t->next, 0);
	int extra = t->nworkers - 1;
	if ((size_t)extra > t->nwork)
		extra = (int)t->nwork;
	pthread_t *threads = xcalloc((size_t)(extra > 0 ? extra : 1), sizeof(*threads));
	int started = 0;
	for (int i = 0; i < extra; i++)
		if (pthread_create(&threads[i], NULL, worker_main, &t->workers[i + 1]) == 0)
			started++;
		else
			break;
	worker_main(&t->workers[0]);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

static void add_stats(struct tree_stats *to, const struct tree_stats *s)
{
	to->files += s->files;
	to->bytes += s->bytes;
	to->functions += s->functions;
	to->functions_with_errors += s->functions_with_errors;
	to->functions_not_analysed += s->functions_not_analysed;
	to->skipped += s->skipped;
	to->reanalysed += s->reanalysed;
	to->reanalysed_bytes += s->reanalysed_bytes;
	to->macros += s->macros;
	to->quiet += s->quiet;
}

/* What the round's files produced, into the run, in file order: the same for any -j. */
static void merge_round(struct tree *t)
{
	for (size_t i = 0; i < t->nwork; i++) {
		struct tree_file *f = t->work[i];
		add_stats(&t->stats, &f->stats);
		fputs(sb_str(&f->messages), stderr);
		t->input_error |= f->input_error;
		for (size_t k = 0; k < f->defined.n; k++)
			summary_note_defined(t->sums, f->defined.v[k]);
		for (size_t k = 0; k < f->new_sums.n; k++)
			if (summary_put(t->sums, f->new_sums.v[k]))
				strset_add(&t->changed, f->new_sums.v[k]->name);
		for (size_t k = 0; k < f->no_sum.n; k++)
			if (summary_drop(t->sums, f->no_sum.v[k], f->path))
				strset_add(&t->changed, f->no_sum.v[k]);
	}
}

/* A name guessed as a lock in round 0 whose definition turned up elsewhere: the
 * definition (its summary, or its lack of one) is what the next round must use. */
static void recheck_guesses(struct tree *t)
{
	for (size_t i = 0; i < t->nfiles; i++) {
		const struct tree_file *f = &t->files[i];
		for (size_t k = 0; k < f->guessed.cap; k++) {
			const char *g = f->guessed.slot[k];
			/* A seeded file's results already saw the seed's definitions. */
			if (g && summary_defined(t->sums, g) && !(f->seeded && summary_defined(t->seed->sums, g)))
				strset_add(&t->changed, g);
		}
	}
}

static void collect_contracts(struct tree *t)
{
	contracts_release(&t->contracts);
	contracts_init(&t->contracts);
	for (size_t i = 0; i < t->nfiles; i++)
		contracts_append(&t->contracts, &t->files[i].contracts);
	contracts_check(&t->contracts, t->sums, &t->contract_findings, &t->run_arena);
}

/* --- seeding from an earlier run ------------------------------------------------------------ */

void tree_seed(struct tree *t, const struct tree *seed)
{
	t->seed = seed;
}

void tree_background(struct tree *t, struct summary *const *sums, size_t n, const char *const *defined, size_t ndefined)
{
	for (size_t i = 0; i < n; i++)
		summary_put(t->sums, sums[i]);
	for (size_t i = 0; i < ndefined; i++)
		summary_note_defined(t->sums, defined[i]);
}

static bool text_hash(const struct tree_file *f, uint64_t *h)
{
	if (f->blob) {
		*h = hash_bytes(f->blob, f->blob_len, 0);
		return true;
	}
	struct source src;
	char err[256];
	if (source_read(&src, f->path, err, sizeof(err)) != SOURCE_OK)
		return false;
	*h = hash_bytes(src.text, src.len, 0);
	source_release(&src);
	return true;
}

static const struct tree_file *seed_match(const struct tree *t, const struct tree_file *f)
{
	uint64_t h;
	for (size_t i = 0; i < t->seed->nfiles; i++) {
		const struct tree_file *g = &t->seed->files[i];
		if (g->hashed && strcmp(g->path, f->path) == 0)
			return text_hash(f, &h) && h == g->content_hash ? g : NULL;
	}
	return NULL;
}

/* f takes g's results, as its last analysis left them (strings stay in g's arenas). */
static void seed_file(struct tree_file *f, const struct tree_file *g)
{
	reset_pending(f);
	f->content_hash = g->content_hash;
	f->hashed = f->seeded = true;
	for (size_t k = 0; k < g->findings.n; k++)
		VEC_PUSH(&f->findings, g->findings.v[k]);
	for (size_t k = 0; k < g->findings.nnotices; k++)
		findings_notice_copy(&f->findings, &g->findings.notices[k]);
	f->callees = xcalloc(g->ncallees + 1, sizeof(*f->callees));
	if (g->ncallees)
		memcpy(f->callees, g->callees, g->ncallees * sizeof(*f->callees));
	f->ncallees = g->ncallees;
	for (size_t k = 0; k < g->guessed.cap; k++)
		if (g->guessed.slot[k])
			strset_add(&f->guessed, g->guessed.slot[k]);
	contracts_append(&f->contracts, &g->contracts);
	for (size_t k = 0; k < g->new_sums.n; k++)
		VEC_PUSH(&f->new_sums, g->new_sums.v[k]);
	for (size_t k = 0; k < g->defined.n; k++)
		VEC_PUSH(&f->defined, xstrdup(g->defined.v[k]));
	remember_defined(f);
	for (size_t k = 0; k < g->fns.n; k++)
		VEC_PUSH(&f->fns, g->fns.v[k]);
	f->stats.files = 1;
	f->stats.bytes = f->blob ? f->blob_len : 0;
	f->stats.functions = g->fns.n;
}

struct seed_diff {
	const struct summary_table *other;
	struct strset *changed;
};

static void diff_summary(void *ctx, const struct summary *s)
{
	struct seed_diff *d = ctx;
	const struct summary *o = summary_lookup(d->other, s->name, s->file);
	if (!o || strcmp(o->text, s->text) != 0)
		strset_add(d->changed, s->name);
}

/* The seeded files' results go in first, so that the others are analysed with them.
 * That they are new to the table is no change: what changed is said after round 0. */
static void seed_files(struct tree *t)
{
	t->nwork = 0;
	for (size_t i = 0; i < t->nfiles; i++) {
		const struct tree_file *g = seed_match(t, &t->files[i]);
		if (g) {
			seed_file(&t->files[i], g);
			t->work[t->nwork++] = &t->files[i];
		}
	}
	merge_round(t);
	strset_clear(&t->changed);
	t->nseeded = t->nwork;
}

/* After round 0, the changed names are those the analysed files produced (the others
 * analysed in the same pass did not see them) and those whose summary came out other
 * than in the seed (the seeded files were analysed with the seed's). */
static void changed_since_seed(struct tree *t)
{
	struct seed_diff there = {t->seed->sums, &t->changed}, here = {t->sums, &t->changed};
	summary_each(t->sums, diff_summary, &there);
	summary_each(t->seed->sums, diff_summary, &here);
}

/* Whether the function calls one of the names in pending other than its own. */
static bool calls_pending(const struct cfg *c, const struct strset *pending)
{
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			if (e->kind == EV_CALL && e->key && strcmp(e->key, c->name) != 0 && strset_has(pending, e->key))
				return true;
		}
	return false;
}

/* The files of a later round.  A file whose CFGs are kept runs only its functions that
 * call a name whose summary changed; of those, one that calls another of them waits for
 * a later round (its callee may change again now), unless every one of them would wait
 * (a cycle): callees settle first, and a caller is analysed once for several of their
 * changes instead of once per round.  Other files run whole, as in round 0. */
/* Whether a function round 0 skipped calls a name that now has a new summary: it could
 * touch a lock after all, and the file is read again whole (its kept CFGs go). */
/* Whether name's summary says only that it does not return: a function that cannot touch
 * a lock has nothing to learn from it. */
static bool only_ends_path(const struct tree *t, const struct tree_file *f, const char *name)
{
	const struct summary *s = summary_lookup(t->sums, name, f->path);
	return s && s->noreturn;
}

static bool quiet_call_changed(const struct tree *t, struct tree_file *f, const struct strset *changed)
{
	for (size_t k = 0; f->quiet_skips && k < changed->cap; k++)
		if (changed->slot[k] && strset_has(&f->quiet_calls, changed->slot[k]) &&
		    !only_ends_path(t, f, changed->slot[k])) {
			f->quiet_skips = 0;
			strset_release(&f->quiet_calls);
			f->cfgs.n = 0;
			arena_release(&f->cfg_arena);
			f->cfgs_kept = false;
			return true;
		}
	return false;
}

static void schedule_round(struct tree *t, const struct strset *changed, const struct strset *headers, bool unseeded)
{
	struct strset pending = {0};
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		if (unseeded && f->seeded)
			continue;
		if (!quiet_call_changed(t, f, changed) && has_suffix(f->path, ".h"))
			quiet_call_changed(t, f, headers);
		bool news = calls_changed(f, changed) || (has_suffix(f->path, ".h") && calls_changed(f, headers));
		for (size_t k = 0; f->cfgs_kept && k < f->cfgs.n; k++) {
			if (news && calls_changed_summary(t, f, f->cfgs.v[k].cfg))
				f->cfgs.v[k].dirty = true;
			if (f->cfgs.v[k].dirty)
				strset_add(&pending, f->cfgs.v[k].cfg->name);
		}
	}
	bool any_runs = false;
	for (int pass = 0; pass < 2 && !any_runs; pass++)
		for (size_t i = 0; i < t->nfiles; i++)
			for (size_t k = 0; t->files[i].cfgs_kept && k < t->files[i].cfgs.n; k++) {
				struct kept_cfg *kc = &t->files[i].cfgs.v[k];
				kc->run = kc->dirty && (pass == 1 || !calls_pending(kc->cfg, &pending));
				any_runs |= kc->run;
			}
	strset_release(&pending);
	t->nwork = 0;
	t->deferred = false;
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		if (unseeded && f->seeded)
			continue;
		bool runs = false;
		for (size_t k = 0; f->cfgs_kept && k < f->cfgs.n; k++) {
			runs |= f->cfgs.v[k].run;
			t->deferred |= f->cfgs.v[k].dirty && !f->cfgs.v[k].run;
		}
		if (f->cfgs_kept ? runs : (calls_changed(f, changed) || (has_suffix(f->path, ".h") && calls_changed(f, headers))))
			t->work[t->nwork++] = f;
	}
}

/* Seeded, after round 0: the analysed (changed) files first settle among themselves, with
 * the seeded results as context: what they produced is news only to them (the seeded
 * files were analysed with the seed's).  Then what came out other than in the seed is
 * news to every caller, and the usual rounds follow. */
static void settle_unseeded(struct tree *t)
{
	bool one_pass = t->opt->dump == DUMP_AST || t->opt->dump == DUMP_CFG || t->opt->parse_only ||
			t->opt->no_summaries;
	struct strset none = {0};
	for (int round = 1; round <= TREE_MAX_ROUNDS && (t->changed.n || t->deferred) && !one_pass; round++) {
		struct strset unseen = t->changed;
		t->changed = (struct strset){0};
		t->round_changed = &unseen;
		schedule_round(t, &unseen, &none, true);
		run_workers(t);
		t->round_changed = NULL;
		strset_release(&unseen);
		merge_round(t);
		t->stats.rounds++;
	}
	strset_clear(&t->changed);
	changed_since_seed(t);
}

static void note_defined_name(void *ctx, const char *name)
{
	strset_add(ctx, name);
}

struct scan_share {
	struct tree *t;
	atomic_size_t next;
};

struct scan_worker {
	struct scan_share *share;
	struct strset names;
	struct quiet_bodies bodies;
};

static void *scan_main(void *arg)
{
	struct scan_worker *w = arg;
	struct tree *t = w->share->t;
	for (;;) {
		size_t i = atomic_fetch_add(&w->share->next, 1);
		if (i >= t->nfiles)
			return NULL;
		const struct tree_file *f = &t->files[i];
		struct stat st;
		/* Read twice (here, then to parse) only what can be: not a pipe. */
		if (!f->blob && (stat(f->path, &st) != 0 || !S_ISREG(st.st_mode)))
			continue;
		struct source src;
		char err[256];
		if ((f->blob ? source_from_memory(&src, f->path, f->blob, f->blob_len, err, sizeof(err))
			     : source_read(&src, f->path, err, sizeof(err))) != SOURCE_OK)
			continue;
		defscan(src.text, src.len, note_defined_name, &w->names);
		struct quiet_rules rules = {&t->quiet_table, !t->opt->no_guess};
		quiet_collect(&w->bodies, src.text, src.len, &rules);
		source_release(&src);
	}
}

/* Before round 0: every name the files define, read lexically, so that no call of one is
 * guessed to be a lock (and the file read again once the definition turns up).  Spread
 * over the workers: a set of names is the same whatever the order it was filled in. */
static void known_definitions(struct tree *t)
{
	quiet_table_init(&t->quiet_table, t->api, &t->attr_macros);
	struct scan_share share = {t, 0};
	int n = t->nworkers > 0 ? t->nworkers : 1;
	struct scan_worker *ws = xcalloc((size_t)n, sizeof(*ws));
	pthread_t *threads = xcalloc((size_t)n, sizeof(*threads));
	int started = 0;
	for (int i = 0; i < n; i++)
		ws[i].share = &share;
	for (int i = 1; i < n; i++)
		if (pthread_create(&threads[i], NULL, scan_main, &ws[i]) == 0)
			started = i;
		else
			break;
	scan_main(&ws[0]);
	for (int i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	struct quiet_bodies *bodies = xcalloc((size_t)n, sizeof(*bodies));
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < ws[i].names.cap; k++)
			if (ws[i].names.slot[k])
				summary_note_defined(t->sums, ws[i].names.slot[k]);
		strset_release(&ws[i].names);
		bodies[i] = ws[i].bodies;
	}
	quiet_closure(bodies, (size_t)n, !t->opt->no_guess, &t->may_lock);
	t->quiet_ready = !t->opt->no_quiet;
	for (int i = 0; i < n; i++)
		quiet_bodies_release(&bodies[i]);
	free(bodies);
	free(threads);
	free(ws);
}

struct by_file {
	struct tree *t;
	struct sum_index files;	/* path -> index in t->files */
};

static int summary_pos_cmp(const void *a, const void *b)
{
	const struct summary *x = *(struct summary *const *)a, *y = *(struct summary *const *)b;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void add_to_file(void *ctx, const struct summary *s)
{
	struct by_file *b = ctx;
	uint32_t i = sum_index_get(&b->files, s->file);
	if (i != UINT32_MAX)
		VEC_PUSH(&b->t->files[i].new_sums, (struct summary *)s);
}

/* After the rounds, each file's results are whole again: a later round that read only
 * some of its functions left only theirs in defined and new_sums, and those lists are
 * what a cache or a seeded run takes for the file's. */
static void complete_results(struct tree *t)
{
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		f->new_sums.n = 0;
		for (size_t k = 0; k < f->defined.n; k++)
			free(f->defined.v[k]);
		f->defined.n = 0;
		for (size_t k = 0; k < f->all_defined.n; k++)
			VEC_PUSH(&f->defined, xstrdup(f->all_defined.v[k]));
	}
	struct by_file ctx = {t, {0}};
	for (size_t i = t->nfiles; i-- > 0;)	/* the first of a path wins, as a search would */
		sum_index_put(&ctx.files, t->files[i].path, (uint32_t)i);
	summary_each(t->sums, add_to_file, &ctx);
	sum_index_release(&ctx.files);
	for (size_t i = 0; i < t->nfiles; i++)	/* in the file's order, whatever the table's */
		if (t->files[i].new_sums.n > 1)
			qsort(t->files[i].new_sums.v, t->files[i].new_sums.n, sizeof(struct summary *), summary_pos_cmp);
}

void tree_run(struct tree *t)
{
	double start = now_seconds();
	t->work = xcalloc(t->nfiles ? t->nfiles : 1, sizeof(*t->work));
	if (t->seed)
		seed_files(t);
	else if (!t->opt->no_guess && !t->opt->no_summaries)
		known_definitions(t);
	t->first_round = true;
	/* Headers first, then the rest: the lock macros and inline wrappers of headers are
	 * known when the .c files are first read, which saves later rounds. */
	struct strset from_headers = {0};
	for (int headers = 1; headers >= 0; headers--) {
		t->nwork = 0;
		for (size_t i = 0; i < t->nfiles; i++)
			if (has_suffix(t->files[i].path, ".h") == (headers == 1) && !t->files[i].seeded)
				t->work[t->nwork++] = &t->files[i];
		run_workers(t);
		merge_round(t);
		if (headers && !t->seed) {	/* the .c files are read knowing these */
			from_headers = t->changed;
			t->changed = (struct strset){0};
		}
	}
	t->first_round = false;
	t->stats.rounds = 1;
	for (size_t i = 0; i < t->nfiles && !t->deferred; i++)
		for (size_t k = 0; k < t->files[i].cfgs.n && !t->deferred; k++)
			t->deferred = t->files[i].cfgs.v[k].dirty;
	if (t->seed)
		settle_unseeded(t);
	bool one_pass = t->opt->dump == DUMP_AST || t->opt->dump == DUMP_CFG || t->opt->parse_only ||
			t->opt->no_summaries;
	if (!one_pass)
		recheck_guesses(t);
	for (int round = 1; round <= TREE_MAX_ROUNDS && (t->changed.n || from_headers.n || t->deferred) && !one_pass;
	     round++) {
		struct strset changed = t->changed;
		t->changed = (struct strset){0};
		t->nwork = 0;
		/* Round 1: the headers read each other's summaries for the first time; the .c
		 * files had them all already and only need what the .c files produced. */
		t->round_changed = &changed;
		t->round_headers = &from_headers;
		schedule_round(t, &changed, &from_headers, false);
		run_workers(t);
		t->round_changed = t->round_headers = NULL;
		strset_release(&changed);
		strset_release(&from_headers);
		merge_round(t);
		t->stats.rounds++;
	}
	strset_release(&from_headers);
	if (!one_pass)
		complete_results(t);
	if (!one_pass)
		collect_contracts(t);
	t->stats.summaries = summary_count(t->sums);
	t->stats.jobs = t->nworkers;
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
	attr_macros_release(&t->attr_macros);
	for (size_t i = 0; i < t->renames.n; i++) {
		free(t->renames.v[i].name);
		free(t->renames.v[i].other);
	}
	VEC_FREE(&t->renames);
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tree_file *f = &t->files[i];
		reset_pending(f);
		VEC_FREE(&f->new_sums);
		sum_index_release(&f->new_index);
		VEC_FREE(&f->no_sum);
		VEC_FREE(&f->defined);
		VEC_FREE(&f->fns);
		sb_release(&f->messages);
		findings_release(&f->findings);
		contracts_release(&f->contracts);
		arena_release(&f->arena);
		arena_release(&f->sum_arena);
		arena_release(&f->cfg_arena);
		VEC_FREE(&f->cfgs);
		VEC_FREE(&f->over_budget);
		forget_all_defined(f);
		VEC_FREE(&f->all_defined);
		free(f->callees);
		strset_release(&f->quiet_calls);
		free(f->path);
		free(f->real);
		strset_release(&f->guessed);
	}
	free(t->files);
	free(t->work);
	strset_release(&t->changed);
	strset_release(&t->may_lock);
	quiet_table_release(&t->quiet_table);
	contracts_release(&t->contracts);
	findings_release(&t->contract_findings);
	arena_release(&t->run_arena);
	summary_table_free(t->sums);
	for (int i = 0; i < t->nworkers; i++) {
		arena_release(&t->workers[i].scratch);
		parser_release(&t->workers[i].parser);
	}
	free(t->workers);
}

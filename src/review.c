#include "review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cache.h"
#include "findings.h"
#include "gitrepo.h"
#include "parse.h"
#include "patchset.h"
#include "report.h"
#include "source.h"
#include "summary.h"
#include "sumcache.h"
#include "tree.h"
#include "util.h"

/* What the review reads, per version of the code:
 *  - the files the series changes (.c and .h), and the local headers they include;
 *  - level by level, the files that call a function whose lock summary differs between the
 *    two ends (git grep on the head tree: a candidate list; the analysis finds the calls),
 *    and those that call through an ops-table field such a function fills (`.lookup = f`
 *    brings in the callers of `->lookup(`); a function whose summary did not change
 *    changes nothing for its callers, so they are not read;
 *  - with --cache-dir, the summaries of every other file of the base tree (background).
 * Each version is that file set at one commit of the series (or after one patch), run
 * through the whole-tree pipeline (tree.c), seeded with the closest run already made.
 * The two ends are always run; the commits between only to attribute a change (bisection). */

struct override {		/* a file's text after a patch (--patch mode) */
	char *path, *data;
	size_t len;
};

struct version {
	char rev[41];		/* the commit whose files it reads */
	char *label;		/* "1a2b3c4d \"subject\"" (NULL for the base) */
	VEC(char *) touched;	/* .c/.h paths the commit or patch changes */
	VEC(struct override) ov;
	struct git_blob *blobs;	/* the review's files at this version (the run reads them) */
	size_t nblobs;
	uint64_t hash;		/* of every path and text: equal hash, equal results */
	struct tree t;
	struct finding_list fl;
	int ran_as;		/* the version whose run stands for this one */
	bool ran;
};

struct fn_def {			/* a function or function-like macro definition */
	char *name, *path;
	uint64_t hash;		/* of its text without white space: moving code keeps it */
	struct loc loc;
	bool macro;
	bool broken;		/* a syntax error the analysis skips it for: its summary says nothing */
};

struct review {
	const struct options *opt;
	const struct lockapi *api;
	char base[41];
	VEC(struct version) v;	/* v[0] is the base */
	VEC(struct version) retired;	/* runs over fewer files, kept as seeds (and owned here) */
	size_t ncommits;	/* in the range, including those not analysed one by one */
	VEC(char *) changed;	/* changed .c/.h paths */
	VEC(struct fn_def) before, after;
	struct strset changed_fns, fields, files_seen;
	struct strset calls;	/* "caller\x1fcallee": who calls a changed function */
	struct strset affecting;	/* functions whose summary differs between the ends */
	size_t nruns;
	bool defs_done;		/* changed functions known */
	bool no_seed;		/* LOCKAUDIT_REVIEW_NO_SEED: every version from scratch (to compare) */
	VEC(char *) files;	/* what every version reads */
	struct parser parser;
	struct tree bg;		/* --cache-dir: the base tree's results (summaries for the files
				 * not read; a seed for the base's run) */
	bool have_bg;
	struct arena a;
	struct finding_list out;
	size_t nregressions, nfixed, ncontracts;
	bool error;
};

static void fail(struct review *r, const char *fmt, const char *arg)
{
	fputs("lockaudit: review: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	r->error = true;
}


static struct version *add_version(struct review *r, const char *rev, char *label)
{
	VEC_PUSH(&r->v, ((struct version){.label = label}));
	struct version *v = &r->v.v[r->v.n - 1];
	snprintf(v->rev, sizeof(v->rev), "%s", rev);
	v->ran_as = -1;	/* not run yet */
	return v;
}

/* Runs git and returns its stdout (owned by sb); false (with git's message) if it failed. */
static bool git_out(struct review *r, const char *const *args, struct strbuf *sb)
{
	struct strbuf err = {0};
	int st = git_run(NULL, args, NULL, 0, sb, &err);
	if (st != 0 && st != 1) {	/* 1: git grep found nothing */
		fail(r, "git %s failed", args[0]);
		fputs(sb_str(&err), stderr);
	}
	sb_release(&err);
	return st == 0 || st == 1;
}

/* --- the range and its commits ------------------------------------------------------------- */

/* BASE..HEAD; REV alone is the one commit REV^..REV; nothing: the upstream of the current
 * branch (from where it forked) to HEAD, else HEAD~1..HEAD. */
static bool resolve_range(struct review *r, const char *range, char head[41])
{
	char *spec = xstrdup(range ? range : "");
	char *dots = strstr(spec, "..");
	bool ok;
	if (dots) {
		*dots = '\0';
		ok = git_commit(NULL, spec[0] ? spec : "HEAD", r->base) &&
		     git_commit(NULL, dots[2] ? dots + 2 : "HEAD", head);
	} else if (range && !r->opt->patch) {
		char *parent = xmalloc(strlen(range) + 3);
		sprintf(parent, "%s^", range);
		ok = git_commit(NULL, range, head) && git_commit(NULL, parent, r->base);
		free(parent);
	} else if (r->opt->patch) {
		ok = git_commit(NULL, range ? range : "HEAD", r->base);
		memcpy(head, r->base, 41);
	} else {
		const char *mb[] = {"merge-base", "HEAD", "@{upstream}", NULL};
		struct strbuf out = {0}, err = {0};
		bool up = git_run(NULL, mb, NULL, 0, &out, &err) == 0 && out.len >= 40;
		if (up)
			out.buf[40] = '\0';
		ok = git_commit(NULL, "HEAD", head) && git_commit(NULL, up ? out.buf : "HEAD~1", r->base);
		sb_release(&out);
		sb_release(&err);
	}
	if (!ok)
		fail(r, "'%s' does not name commits in this repository", range ? range : "HEAD~1..HEAD");
	free(spec);
	return ok;
}

/* One version per commit of BASE..HEAD, oldest first, with the source paths each touches. */
static void list_commits(struct review *r, const char *head)
{
	char range[90];
	snprintf(range, sizeof(range), "%s..%s", r->base, head);
	const char *args[] = {"log", "--reverse", "--no-renames", "--format=%x1e%H %h %s", "--name-only",
			      range, "--", NULL};
	struct strbuf out = {0};
	if (!git_out(r, args, &out))
		return;
	char **recs;
	size_t n = git_split(out.buf, out.len, '\x1e', &recs);
	r->ncommits = n;
	bool each = n <= REVIEW_MAX_COMMITS;
	for (size_t i = 0; i < n; i++) {
		if (!each && i + 1 < n)
			continue;
		char **lines;
		size_t nl = git_split(recs[i], strlen(recs[i]), '\n', &lines);
		if (nl == 0 || strlen(lines[0]) < 42) {
			free(lines);
			continue;
		}
		lines[0][40] = '\0';
		char *rest = lines[0] + 41;
		char *sp = strchr(rest, ' ');
		char *label = arena_printf(&r->a, "%.*s \"%s\"", sp ? (int)(sp - rest) : 12, rest, sp ? sp + 1 : "");
		struct version *v = add_version(r, lines[0], label);
		for (size_t k = 1; k < nl; k++)
			if (is_c_source(lines[k]))
				VEC_PUSH(&v->touched, xstrdup(lines[k]));
		free(lines);
	}
	free(recs);
	sb_release(&out);
}

static void changed_paths_git(struct review *r, const char *head)
{
	const char *args[] = {"diff", "--name-only", "--no-renames", "-z", r->base, head, "--", NULL};
	struct strbuf out = {0};
	if (!git_out(r, args, &out))
		return;
	char **lines;
	size_t n = git_split(out.buf, out.len, '\0', &lines);
	for (size_t i = 0; i < n; i++)
		if (is_c_source(lines[i]))
			VEC_PUSH(&r->changed, xstrdup(lines[i]));
	free(lines);
	sb_release(&out);
}

/* --- patches (--patch FILE) ---------------------------------------------------------------- */

static bool is_in(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* One version per patch: the base's files with the texts the series gives them. */
static void patch_versions(struct review *r, const char *patch_file)
{
	struct patch_series ps;
	char err[1024];
	if (!patch_series_apply(&ps, patch_file, r->base, err, sizeof(err)))
		fail(r, "%s", err);
	r->ncommits = ps.steps.n;
	for (size_t i = 0; !r->error && i < ps.paths.n; i++)
		VEC_PUSH(&r->changed, xstrdup(ps.paths.v[i]));
	for (size_t i = 0; !r->error && i < ps.steps.n; i++) {
		struct patch_step *st = &ps.steps.v[i];
		struct version *v = add_version(r, r->base, arena_strdup(&r->a, st->label));
		for (size_t k = 0; k < st->touched.n; k++)
			VEC_PUSH(&v->touched, xstrdup(st->touched.v[k]));
		for (size_t k = 0; k < st->texts.n; k++) {
			struct patch_text *t = &st->texts.v[k];
			VEC_PUSH(&v->ov, ((struct override){arena_strdup(&r->a, t->path), t->data, t->len}));
			t->data = NULL;	/* the version owns it now */
		}
	}
	patch_series_release(&ps);
}

/* --- what changed: functions and macros -------------------------------------------------- */

static void add_def(struct review *r, void *defs, const char *name, size_t nlen, const char *path, uint64_t h,
		    struct loc loc, bool macro, bool broken)
{
	VEC(struct fn_def) *v = defs;
	VEC_PUSH(v, ((struct fn_def){.name = arena_strndup(&r->a, name, nlen), .path = (char *)path, .hash = h,
				     .loc = loc, .macro = macro, .broken = broken}));
}

/* Function-like macros (#define NAME(...) ...), read lexically: lock macros live there. */
static void macro_defs(struct review *r, void *defs, const char *path, const char *text)
{
	unsigned line = 1;
	for (const char *p = text; p && *p; p++) {
		if (*p == '\n') {
			line++;
			continue;
		}
		if (p != text && p[-1] != '\n')
			continue;
		const char *q = p + strspn(p, " \t");
		if (*q != '#')
			continue;
		q += 1 + strspn(q + 1, " \t");
		if (strncmp(q, "define", 6) != 0)
			continue;
		q += 6 + strspn(q + 6, " \t");
		const char *name = q;
		while (is_ident_char((unsigned char)*q))
			q++;
		if (q == name || *q != '(')
			continue;
		const char *end = q;
		while (*end && !(*end == '\n' && end[-1] != '\\'))
			end++;
		add_def(r, defs, name, (size_t)(q - name), path, tree_code_hash(name, (size_t)(end - name)),
			(struct loc){line, 1}, true, false);
	}
}

/* The functions of the changed files as a run read them. */
static void run_defs(struct review *r, void *defs, const struct version *v)
{
	for (size_t i = 0; v->ran && i < v->t.nfiles; i++) {
		const struct tree_file *f = &v->t.files[i];
		if (!is_in(r->changed.v, r->changed.n, f->path))
			continue;
		for (size_t k = 0; k < f->fns.n; k++) {
			const struct tree_fn *fn = &f->fns.v[k];
			add_def(r, defs, fn->name, strlen(fn->name), f->path, fn->hash, fn->loc, false, fn->broken);
		}
		macro_defs(r, defs, f->path, f->blob);
	}
}

static const struct fn_def *find_def(const void *defs, const char *name)
{
	const VEC(struct fn_def) *v = defs;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].name, name) == 0)
			return &v->v[i];
	return NULL;
}

/* Budget: names shorter than this are not searched for in other files (a macro `R(...)`
 * would match every file). */
#define REVIEW_MIN_GREP_NAME 4

static void diff_defs(struct review *r, const void *from, const void *to)
{
	const VEC(struct fn_def) *a = from;
	for (size_t i = 0; i < a->n; i++) {
		const struct fn_def *other = find_def(to, a->v[i].name);
		if (other && other->hash == a->v[i].hash)
			continue;
		strset_add(&r->changed_fns, a->v[i].name);
	}
}

/* Ops-table fields one of names is stored in: `.field = name` or `.field = &name`. */
static void note_fields(struct strset *fields, const char *text, const struct strset *names)
{
	for (const char *p = text; p && (p = strchr(p, '.')) != NULL; p++) {
		const char *f = p + 1, *q = f;
		while (is_ident_char((unsigned char)*q))
			q++;
		if (q == f || (p > text && is_ident_char((unsigned char)p[-1])))
			continue;
		const char *e = q + strspn(q, " \t");
		if (*e != '=' || e[1] == '=')
			continue;
		e += 1 + strspn(e + 1, " \t&");
		const char *n = e;
		while (is_ident_char((unsigned char)*e))
			e++;
		char name[128];
		if (e == n || (size_t)(e - n) >= sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(e - n), n);
		if (strset_has(names, name)) {
			char field[128];
			snprintf(field, sizeof(field), "%.*s", (int)(q - f) < 120 ? (int)(q - f) : 120, f);
			if (!strset_has(fields, field))
				strset_add(fields, field);
		}
	}
}

/* Records "caller\x1fcallee" in r->calls for each of names that text[b..e) (the body of
 * caller) calls: an identifier followed by '('.  True if there was one. */
static bool note_calls(struct review *r, const char *caller, const char *text, uint32_t b, uint32_t e,
		       const struct strset *names)
{
	char word[128];
	bool any = false;
	for (uint32_t i = b; i < e;) {
		if (!is_ident_char((unsigned char)text[i])) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < e && is_ident_char((unsigned char)text[j]))
			j++;
		uint32_t k = j;
		while (k < e && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (k < e && text[k] == '(' && j - i < sizeof(word)) {
			memcpy(word, text + i, j - i);
			word[j - i] = '\0';
			if (strset_has(names, word) && strcmp(word, caller) != 0) {
				strset_add(&r->calls, arena_printf(&r->a, "%s\x1f%s", caller, word));
				any = true;
			}
		}
		i = j;
	}
	return any;
}

/* Who, in one file, calls one of names (for the notes that name a caller the change breaks). */
static void note_callers(struct review *r, const char *path, const char *data, size_t len, const struct strset *names)
{
	struct source src;
	char err[256];
	if (!data || source_from_memory(&src, path, data, len, err, sizeof(err)) != SOURCE_OK)
		return;
	struct parsed_file pf;
	if (parse_file(&r->parser, &src, &pf))
		for (size_t i = 0; i < pf.nfunctions; i++) {
			char buf[256];
			const char *name = parse_function_name(&r->parser.g, pf.text, pf.functions[i], buf, sizeof(buf));
			if (name[0])
				note_calls(r, name, src.text, ts_node_start_byte(pf.functions[i]),
					   ts_node_end_byte(pf.functions[i]), names);
		}
	parse_file_release(&pf);
	source_release(&src);
}

/* --- the files each version reads ------------------------------------------------------- */

static void add_review_file(struct review *r, const char *path)
{
	if (strset_add(&r->files_seen, path))
		VEC_PUSH(&r->files, arena_strdup(&r->a, path));
}

static void grep_patterns(struct review *r, void *args, const struct strset *names, const char *before,
			  const char *const after[2])
{
	VEC(const char *) *a = args;
	for (size_t i = 0; i < names->cap; i++)
		for (int k = 0; names->slot[i] && k < 2; k++) {
			VEC_PUSH(a, "-e");
			VEC_PUSH(a, arena_printf(&r->a, "%s%s%s", before, names->slot[i], after[k]));
		}
}

/* git grep -l over a revision's tree, in one pass: files that call one of names
 * (`name(` or `name (`), call through one of fields (`->field(` or `(*x->field)(`), or
 * fill one of impls in an initialiser (`.field = fn`).
 * A candidate list only; the analysis finds the calls. */
static void grep_files(struct review *r, const char *rev, const struct strset *names, const struct strset *fields,
		       const struct strset *impls)
{
	if (!names->n && !fields->n && !impls->n)
		return;
	VEC(const char *) args = {0};
	VEC_PUSH(&args, "grep");
	VEC_PUSH(&args, "-l");
	VEC_PUSH(&args, "-F");
	static const char *const call[2] = {"(", " ("}, *const field_call[2] = {"(", ")("};
	grep_patterns(r, &args, names, "", call);
	grep_patterns(r, &args, fields, "->", field_call);
	static const char *const assign[2] = {" =", "="};	/* .field = impl, in an ops table */
	grep_patterns(r, &args, impls, ".", assign);
	VEC_PUSH(&args, rev);
	VEC_PUSH(&args, "--");
	VEC_PUSH(&args, "*.c");
	VEC_PUSH(&args, "*.h");
	VEC_PUSH(&args, NULL);
	struct strbuf out = {0};
	if (git_out(r, args.v, &out)) {
		char **lines;
		size_t n = git_split(out.buf, out.len, '\n', &lines);
		size_t skip = strlen(rev) + 1;
		size_t extra = 0;
		for (size_t i = 0; i < n; i++)
			if (strlen(lines[i]) > skip && r->files.n < r->changed.n + REVIEW_MAX_CALLER_FILES)
				add_review_file(r, lines[i] + skip);
			else
				extra++;
		if (extra && !r->opt->quiet)
			fprintf(stderr, "lockaudit: review: %zu more files name a changed function; "
				"not read (budget %d)\n", extra, REVIEW_MAX_CALLER_FILES);
		free(lines);
	}
	VEC_FREE(&args);
	sb_release(&out);
}

/* `#include "x.h"` resolved next to the including file (no include path is known). */
static void local_includes(struct review *r, const char *path, const char *text, void *out)
{
	VEC(char *) *incs = out;
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	for (const char *p = text; p && (p = strstr(p, "#include")) != NULL; p++) {
		const char *q = p + 8 + strspn(p + 8, " \t");
		if (*q != '"')
			continue;
		size_t n = strcspn(q + 1, "\"\n");
		char *inc = arena_strndup(&r->a, q + 1, n);
		if (q[1 + n] != '"' || strstr(inc, ".."))
			continue;
		VEC_PUSH(incs, arena_printf(&r->a, "%.*s%s", dirlen, path, inc));
	}
}

static void drop_blobs(struct version *v)
{
	for (size_t k = 0; k < v->nblobs; k++)
		free(v->blobs[k].data);
	free(v->blobs);
	v->blobs = NULL;
	v->nblobs = 0;
}

static void read_version_blobs(struct review *r, struct version *v)
{
	drop_blobs(v);
	v->blobs = xcalloc(r->files.n + 1, sizeof(*v->blobs));
	v->nblobs = r->files.n;
	for (size_t i = 0; i < r->files.n; i++)
		v->blobs[i] = (struct git_blob){.rev = v->rev, .path = r->files.v[i]};
	if (!git_read_blobs(NULL, v->blobs, r->files.n))
		fail(r, "cannot read files of %s", v->rev);
	for (size_t k = 0; k < v->ov.n; k++)
		for (size_t i = 0; i < r->files.n; i++)
			if (strcmp(v->blobs[i].path, v->ov.v[k].path) == 0) {
				free(v->blobs[i].data);
				v->blobs[i].data = v->ov.v[k].data ? xstrdup(v->ov.v[k].data) : NULL;
				v->blobs[i].len = v->ov.v[k].len;
			}
	uint64_t h = 0;
	for (size_t i = 0; i < r->files.n; i++) {
		h = hash_bytes(v->blobs[i].path, strlen(v->blobs[i].path) + 1, h);
		if (v->blobs[i].data)
			h = hash_bytes(v->blobs[i].data, v->blobs[i].len + 1, h);
	}
	v->hash = h;
}

/* One level of local headers for files[from..]: what they include, at both ends. */
static void add_local_includes_once(struct review *r, size_t from)
{
	size_t n = r->files.n - from;
	struct git_blob *b = xcalloc(2 * n + 1, sizeof(*b));
	const struct version *last = &r->v.v[r->v.n - 1];
	for (size_t i = 0; i < n; i++) {
		b[i] = (struct git_blob){.rev = r->base, .path = r->files.v[from + i]};
		b[n + i] = (struct git_blob){.rev = last->rev, .path = r->files.v[from + i]};
	}
	if (!git_read_blobs(NULL, b, 2 * n))
		fail(r, "%s", "cannot read files");
	for (size_t k = 0; k < last->ov.n; k++)	/* --patch: the end's texts are in memory */
		for (size_t i = 0; i < n; i++)
			if (strcmp(b[n + i].path, last->ov.v[k].path) == 0) {
				free(b[n + i].data);
				b[n + i].data = last->ov.v[k].data ? xstrdup(last->ov.v[k].data) : NULL;
			}
	VEC(char *) incs = {0};
	for (size_t i = 0; i < 2 * n; i++) {
		if (b[i].data)
			local_includes(r, b[i].path, b[i].data, &incs);
		free(b[i].data);
	}
	free(b);
	for (size_t i = 0; i < incs.n; i++)
		add_review_file(r, incs.v[i]);
	VEC_FREE(&incs);
}

/* The local headers files[from..] include, and those they include, a few levels deep:
 * lock wrappers sit in a driver's private headers (roc_priv.h -> roc_mbox_priv.h). */
static void add_local_includes(struct review *r, size_t from)
{
	size_t budget = r->files.n + REVIEW_MAX_HEADERS;
	for (int depth = 0; depth < 3 && from < r->files.n && r->files.n < budget && !r->error; depth++) {
		size_t n = r->files.n;
		add_local_includes_once(r, from);
		from = n;
	}
}

/* --- running the versions ----------------------------------------------------------------- */

static void drop_run(struct version *v)
{
	if (v->ran) {
		findings_release(&v->fl);
		tree_release(&v->t);
		v->ran = false;
	}
	v->ran_as = -1;
	drop_blobs(v);
}

/* A run made with fewer files is kept as a seed for the run with more (the files only
 * grow, so blob i is the same path in both). */
static void retire_run(struct review *r, size_t i)
{
	struct version *v = &r->v.v[i];
	if (v->ran) {
		VEC_PUSH(&r->retired, *v);
		v->ran = false;
		v->blobs = NULL;
		v->nblobs = 0;
		v->fl = (struct finding_list){0};
		v->t = (struct tree){0};
	}
	drop_run(v);
}

/* The version already run (or retired) that shares the most files (same text) with v. */
static const struct version *closest_run(const struct review *r, const struct version *v)
{
	const struct version *best = NULL;
	size_t best_n = 0;
	for (size_t k = 0; k < r->v.n + r->retired.n; k++) {
		const struct version *o = k < r->v.n ? &r->v.v[k] : &r->retired.v[k - r->v.n];
		size_t n = 0;
		for (size_t i = 0; o->ran && i < v->nblobs && i < o->nblobs; i++)
			n += v->blobs[i].data && o->blobs[i].data && v->blobs[i].len == o->blobs[i].len &&
			     memcmp(v->blobs[i].data, o->blobs[i].data, v->blobs[i].len) == 0;
		if (n > best_n) {
			best = o;
			best_n = n;
		}
	}
	return best;
}

/* Runs version i (once): the review's files at that commit, through the whole-tree
 * pipeline.  A version whose files read the same as one already run takes its results. */
static void ensure_ran(struct review *r, size_t i)
{
	struct version *v = &r->v.v[i];
	if (v->ran_as >= 0 || r->error)
		return;
	read_version_blobs(r, v);
	for (size_t k = 0; k < r->v.n; k++)
		if (k != i && r->v.v[k].ran && r->v.v[k].hash == v->hash) {
			v->ran_as = (int)k;
			drop_blobs(v);
			return;
		}
	tree_init(&v->t, r->opt, r->api);
	for (size_t k = 0; r->have_bg && k < r->bg.nfiles; k++) {
		const struct tree_file *bf = &r->bg.files[k];
		if (!strset_has(&r->files_seen, bf->path))
			tree_background(&v->t, bf->new_sums.v, bf->new_sums.n, (const char *const *)bf->defined.v,
					bf->defined.n);
	}
	/* A run already made seeds this one: only the files that differ from it, and what
	 * calls a function whose summary came out differently, are analysed again. */
	const struct version *seed = r->no_seed ? NULL : closest_run(r, v);
	if (seed)
		tree_seed(&v->t, &seed->t);
	else if (r->have_bg && !r->no_seed)
		tree_seed(&v->t, &r->bg);	/* the base tree's own results */
	for (size_t k = 0; k < v->nblobs; k++)
		if (v->blobs[k].data)
			tree_add_blob(&v->t, v->blobs[k].path, v->blobs[k].data, v->blobs[k].len);
	tree_run(&v->t);
	tree_findings(&v->t, &v->fl);
	v->ran = true;
	v->ran_as = (int)i;
	r->nruns++;
	if (r->opt->stats) {
		const struct tree_stats *st = &v->t.stats;
		fprintf(stderr, "lockaudit: version %zu (%.12s): files %zu (%zu from an earlier run), functions %zu, "
			"rounds %zu, re-analysed %zu, %.2f MB in %.3f s\n", i, v->rev, st->files, v->t.nseeded,
			st->functions, st->rounds, st->reanalysed, (double)st->bytes / 1e6, st->seconds);
	}
}

static const struct version *run_of(const struct review *r, size_t i)
{
	return &r->v.v[r->v.v[i].ran_as];
}

/* --- the files each version reads ------------------------------------------------------- */

/* The functions and macros of the changed files whose text differs between the ends
 * (or exists at one end only) are the changed ones. */
static void changed_functions(struct review *r)
{
	if (r->defs_done)
		return;
	r->defs_done = true;
	run_defs(r, &r->before, run_of(r, 0));
	run_defs(r, &r->after, run_of(r, r->v.n - 1));
	diff_defs(r, &r->before, &r->after);
	diff_defs(r, &r->after, &r->before);
}

struct sum_diff {
	const struct summary_table *other;
	struct strset *names;		/* functions and macros whose summary differs */
	struct strset *exported;	/* those of them other files can call */
	struct strset *settled;		/* callers reported for an imbalance of their own */
	bool is_head;
};

static void diff_summary(void *ctx, const struct summary *s)
{
	struct sum_diff *d = ctx;
	const struct summary *o = summary_lookup(d->other, s->name, s->file);
	if (o && strcmp(o->text, s->text) == 0)
		return;
	strset_add(d->names, s->name);
	if (d->is_head && s->imbalanced)
		strset_add(d->settled, s->name);
	bool local = s->is_static || (s->is_macro && has_suffix(s->file, ".c"));
	if (!local && strlen(s->name) >= REVIEW_MIN_GREP_NAME)
		strset_add(d->exported, s->name);
}

/* The fields a changed function calls through while it holds a lock, at either end: the
 * contract of such a field may have changed, and every implementation must follow it (the
 * series makes the VFS hold the parent across ->lookup: each ->lookup is checked again). */
static void called_fields(struct review *r, struct strset *out)
{
	changed_functions(r);
	for (size_t k = 0; k < 2; k++) {
		const struct version *v = run_of(r, k ? r->v.n - 1 : 0);
		for (size_t i = 0; i < v->t.nfiles; i++) {
			const struct contracts *c = &v->t.files[i].contracts;
			for (size_t j = 0; j < c->calls.n; j++)
				if (strset_has(&r->changed_fns, c->calls.v[j].caller))
					strset_add(out, c->calls.v[j].field);
		}
	}
}

/* Changed functions whose summaries stayed the same change nothing for their callers; those
 * whose summaries differ between the ends (changed functions, and the callers that pass a
 * change on) bring their callers in, and the callers through the ops-table fields they
 * fill.  Until nothing new comes in, or the budget of levels is spent. */
static void expand_files(struct review *r)
{
	size_t last = r->v.n - 1;
	struct strset expanded = {0};
	for (int level = 0; level < REVIEW_MAX_LEVELS && !r->error; level++) {
		ensure_ran(r, 0);
		ensure_ran(r, last);
		if (r->error)
			break;
		struct strset names = {0}, exported = {0}, fresh = {0}, fields = {0}, settled = {0};
		struct sum_diff d1 = {run_of(r, last)->t.sums, &names, &exported, &settled, false};
		struct sum_diff d2 = {run_of(r, 0)->t.sums, &names, &exported, &settled, true};
		summary_each(run_of(r, 0)->t.sums, diff_summary, &d1);
		summary_each(run_of(r, last)->t.sums, diff_summary, &d2);
		/* Beyond the first level, a caller that is itself reported for returning
		 * inconsistently (the callee's leak goes on through it) is where the chain is
		 * cut: its own finding says it, and its callers would only repeat it. */
		for (size_t i = 0; i < names.cap; i++)
			if (names.slot[i] && !(level > 0 && strset_has(&settled, names.slot[i])) &&
			    strset_add(&expanded, names.slot[i])) {
				strset_add(&fresh, names.slot[i]);
				if (r->opt->verbose)
					fprintf(stderr, "lockaudit: review: level %d: the summary of %s differs\n", level,
						names.slot[i]);
			}
		struct strset grep_names = {0};	/* the fresh ones other files can call */
		for (size_t i = 0; i < fresh.cap; i++)
			if (fresh.slot[i] && strset_has(&exported, fresh.slot[i]))
				strset_add(&grep_names, fresh.slot[i]);
		for (size_t k = 0; k < 2; k++) {
			const struct version *v = run_of(r, k ? last : 0);
			for (size_t i = 0; i < v->t.nfiles; i++)
				note_fields(&fields, v->t.files[i].blob, &fresh);
		}
		for (size_t i = 0; i < fields.cap; i++)
			if (fields.slot[i])
				strset_add(&r->fields, fields.slot[i]);
		struct strset impls = {0};
		if (level == 0)
			called_fields(r, &impls);
		size_t before = r->files.n;
		grep_files(r, r->v.v[last].rev, &grep_names, &fields, &impls);
		strset_release(&impls);
		for (size_t i = 0; i < fresh.cap; i++)
			if (fresh.slot[i])
				strset_add(&r->affecting, fresh.slot[i]);
		bool grew = r->files.n > before;
		if (grew)
			add_local_includes(r, before);
		strset_release(&names);
		strset_release(&exported);
		strset_release(&fresh);
		strset_release(&fields);
		strset_release(&settled);
		strset_release(&grep_names);
		if (!grew)
			break;
		retire_run(r, 0);
		retire_run(r, last);
	}
	strset_release(&expanded);
	ensure_ran(r, 0);
	ensure_ran(r, last);
}

static const struct finding_list *findings_of(struct review *r, size_t i)
{
	ensure_ran(r, i);
	return &run_of(r, i)->fl;
}

/* The first version of the series from which on `holds` is true (it is at the end):
 * a binary search, which runs about log2(commits) versions, as git bisect would.  It takes
 * a change that came and went and came back to come with its last arrival's neighbour;
 * that costs precision only in such rare series. */
static size_t first_version(struct review *r, bool (*holds)(struct review *, size_t, const void *), const void *arg)
{
	size_t lo = 1, hi = r->v.n - 1;
	while (lo < hi && !r->error) {
		size_t mid = lo + (hi - lo) / 2;
		if (holds(r, mid, arg))
			hi = mid;
		else
			lo = mid + 1;
	}
	return hi;
}

/* The stable identity of a finding: function, kind and lock, not its line. */
static bool same_finding(const struct finding *a, const struct finding *b)
{
	return a->kind == b->kind && strcmp(a->function, b->function) == 0 && strcmp(a->lock, b->lock) == 0;
}

static size_t count_like(const struct finding_list *fl, const struct finding *f)
{
	size_t n = 0;
	for (size_t i = 0; i < fl->n; i++)
		n += same_finding(&fl->v[i], f);
	return n;
}

struct want {
	const struct finding *f;
	size_t count;
	bool more;	/* at least count findings like f (a regression), else at most (a fix) */
};

static bool has_count(struct review *r, size_t i, const void *arg)
{
	const struct want *w = arg;
	size_t c = count_like(findings_of(r, i), w->f);
	return w->more ? c >= w->count : c <= w->count;
}

/* A copy of f with one more note, "introduced by ..." or "fixed by ...". */
static void add_attributed_with(struct review *r, const struct finding *f, const char *baseline, const char *word,
				const struct version *v, const struct note *extra, size_t nextra)
{
	struct finding c = *f;
	c.baseline = baseline;
	c.commit = v->label;
	c.notes = arena_alloc(&r->a, (f->nnotes + nextra + 1) * sizeof(struct note));
	memcpy(c.notes, f->notes, f->nnotes * sizeof(struct note));
	if (nextra)
		memcpy(c.notes + f->nnotes, extra, nextra * sizeof(struct note));
	c.notes[f->nnotes + nextra] = (struct note){.loc = f->loc, .file = f->file,
						    .message = arena_printf(&r->a, "%s by %s", word, v->label)};
	c.nnotes = f->nnotes + nextra + 1;
	VEC_PUSH(&r->out, c);
}

static void add_attributed(struct review *r, const struct finding *f, const char *baseline, const char *word,
			   const struct version *v)
{
	add_attributed_with(r, f, baseline, word, v, NULL, 0);
}

static void compare_ends(struct review *r, struct finding_list *news, struct finding_list *fixed)
{
	const struct finding_list *b = findings_of(r, 0);
	const struct finding_list *h = findings_of(r, r->v.n - 1);
	for (size_t i = 0; i < h->n; i++) {
		size_t nh = count_like(h, &h->v[i]), nb = count_like(b, &h->v[i]);
		size_t before_me = 0;	/* the findings like it that come earlier in head */
		for (size_t k = 0; k < i; k++)
			before_me += same_finding(&h->v[k], &h->v[i]);
		if (nh > nb && before_me >= nb)
			VEC_PUSH(news, h->v[i]);
	}
	for (size_t i = 0; i < b->n; i++) {
		size_t nh = count_like(h, &b->v[i]), nb = count_like(b, &b->v[i]);
		size_t before_me = 0;
		for (size_t k = 0; k < i; k++)
			before_me += same_finding(&b->v[k], &b->v[i]);
		if (nb > nh && before_me >= nh)
			VEC_PUSH(fixed, b->v[i]);
	}
}

/* --- lock contracts of changed functions, in words ----------------------------------------- */

static void contract_words(struct strbuf *sb, const struct summary *s, const char *key);

static const struct summary *summary_in(struct review *r, size_t i, const struct fn_def *d)
{
	ensure_ran(r, i);
	const struct version *v = run_of(r, i);
	return d && v->ran ? summary_lookup(v->t.sums, d->name, d->path) : NULL;
}

struct same_words {
	const struct fn_def *d;
	const char *key, *words;
};

static bool says(struct review *r, size_t i, const void *arg)
{
	const struct same_words *w = arg;
	struct strbuf sb = {0};
	contract_words(&sb, summary_in(r, i, w->d), w->key);
	bool same = strcmp(sb_str(&sb), w->words) == 0;
	sb_release(&sb);
	return same;
}

static int effect_on(const struct sum_case *c, const char *key)
{
	for (uint16_t k = 0; k < c->neffects; k++)
		if (strcmp(c->effects[k].key, key) == 0)
			return c->effects[k].delta;
	return 0;
}

/* "released on 3 of 6 return paths" / "held on every return path (4)" for one lock.
 * A return statement reached with the lock released on one path and not on another counts
 * as releasing it (the reviewer's question is whether some path leaves without it). */
static void contract_words(struct strbuf *sb, const struct summary *s, const char *key)
{
	size_t total = s ? s->nreturns : 0, rel = 0, acq = 0;
	for (uint16_t i = 0; s && i < s->ncases; i++) {
		int d = effect_on(&s->cases[i], key);
		rel += d < 0 ? s->cases[i].nreturns : 0;
		acq += d > 0 ? s->cases[i].nreturns : 0;
	}
	rel = rel > total ? total : rel;
	acq = acq > total ? total : acq;
	if (!s || total == 0 || (rel == 0 && acq == 0)) {
		sb_puts(sb, "left as it was found on every return path");
		return;
	}
	if (rel == total || acq == total) {
		sb_printf(sb, "%s on every return path (%zu)", rel ? "released" : "taken and held", total);
		return;
	}
	if (rel)
		sb_printf(sb, "released on %zu of %zu return paths", rel, total);
	if (acq)
		sb_printf(sb, "%staken and held on %zu of %zu return paths", rel ? ", " : "", acq, total);
}

static void note_keys(struct strset *keys, const struct summary *s)
{
	for (uint16_t i = 0; s && i < s->ncases; i++)
		for (uint16_t k = 0; k < s->cases[i].neffects; k++)
			strset_add(keys, s->cases[i].effects[k].key);
}

static bool calls_fn(struct review *r, const char *caller, const char *callee)
{
	char *pair = arena_printf(&r->a, "%s\x1f%s", caller, callee);
	return strset_has(&r->calls, pair);
}

static void contract_change(struct review *r, const struct fn_def *d, const struct summary *before,
			    const struct summary *after, const char *key, const struct finding_list *news)
{
	struct strbuf b = {0}, a = {0};
	contract_words(&b, before, key);
	contract_words(&a, after, key);
	if (strcmp(sb_str(&b), sb_str(&a)) == 0)
		goto out;
	const char *lock = summary_key_text(&r->a, after ? after : before, key);
	struct same_words sw = {d, key, sb_str(&a)};
	size_t intro = first_version(r, says, &sw);
	VEC(struct note) notes = {0};
	for (uint16_t i = 0; after && i < after->ncases; i++)
		if (effect_on(&after->cases[i], key) != 0 && after->cases[i].first_return.line)
			VEC_PUSH(&notes, ((struct note){.loc = after->cases[i].first_return,
				.message = arena_printf(&r->a, "returns here with '%s' %s", lock,
							effect_on(&after->cases[i], key) < 0 ? "released" : "held")}));
	for (size_t i = 0; i < news->n; i++)
		if (calls_fn(r, news->v[i].function, d->name))
			VEC_PUSH(&notes, ((struct note){.loc = news->v[i].loc, .file = news->v[i].file,
				.message = arena_printf(&r->a, "the caller '%s' is not updated: %s", news->v[i].function,
							news->v[i].message)}));
	struct finding f = {.file = d->path, .loc = d->loc, .function = d->name, .kind = FK_CONTRACT_CHANGE,
			    .lock = lock, .notes = notes.v, .nnotes = notes.n};
	f.message = arena_printf(&r->a, "'%s' changes what it does to '%s': before, %s; after, %s", d->name, lock,
				 sb_str(&b), sb_str(&a));
	f.notes = arena_memdup(&r->a, notes.v, notes.n * sizeof(struct note));
	VEC_FREE(&notes);
	add_attributed(r, &f, "updated", "changed", &r->v.v[intro]);
	r->ncontracts++;
out:
	sb_release(&b);
	sb_release(&a);
}

static void contract_changes(struct review *r, const struct finding_list *news)
{
	for (size_t i = 0; i < r->after.n; i++) {
		const struct fn_def *d = &r->after.v[i];
		if (d->macro || !strset_has(&r->changed_fns, d->name) || find_def(&r->after, d->name) != d)
			continue;
		/* A contract changes only where there was one: a new function has none before,
		 * and a function the analysis skipped for its syntax says nothing either way. */
		const struct fn_def *old = find_def(&r->before, d->name);
		if (!old || old->broken || d->broken)
			continue;
		const struct summary *before = summary_in(r, 0, old);
		const struct summary *after = summary_in(r, r->v.n - 1, d);
		/* An imbalance the series repaired is listed as fixed, not as a new contract. */
		if (before && before->imbalanced && (!after || !after->imbalanced))
			continue;
		struct strset keys = {0};
		note_keys(&keys, before);
		note_keys(&keys, after);
		for (size_t k = 0; k < keys.cap; k++)
			if (keys.slot[k])
				contract_change(r, d, before, after, keys.slot[k], news);
		strset_release(&keys);
	}
}

/* Who, in the files of the new findings, calls the changed functions and those whose
 * summary changed (at the end of the series): the callers a changed contract breaks. */
static void find_callers(struct review *r, const struct finding_list *news)
{
	struct strset names = {0}, files = {0};
	for (size_t i = 0; i < r->changed_fns.cap; i++)
		if (r->changed_fns.slot[i])
			strset_add(&names, r->changed_fns.slot[i]);
	for (size_t i = 0; i < r->affecting.cap; i++)
		if (r->affecting.slot[i])
			strset_add(&names, r->affecting.slot[i]);
	for (size_t i = 0; i < news->n; i++)
		strset_add(&files, news->v[i].file);
	const struct version *v = run_of(r, r->v.n - 1);
	for (size_t i = 0; v->ran && i < v->t.nfiles; i++)
		if (strset_has(&files, v->t.files[i].path))
			note_callers(r, v->t.files[i].path, v->t.files[i].blob, v->t.files[i].blob_len, &names);
	strset_release(&names);
	strset_release(&files);
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- the rest of the tree: the base's summaries, cached --------------------------------- */

/* Every .c and .h file of the base, through the whole-tree pipeline, into path. */
static bool build_background(struct review *r, const char *path)
{
	const char *args[] = {"ls-tree", "-r", "-z", "--full-tree", r->base, NULL};
	struct strbuf out = {0};
	if (!git_out(r, args, &out))
		return false;
	char **lines;
	size_t n = git_split(out.buf, out.len, '\0', &lines);
	struct git_blob *b = xcalloc(n + 1, sizeof(*b));
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		char *tab = strchr(lines[i], '\t');
		if (tab && strstr(lines[i], " blob ") && is_c_source(tab + 1))
			b[nb++] = (struct git_blob){.rev = r->base, .path = tab + 1};
	}
	bool ok = git_read_blobs(NULL, b, nb);
	struct tree t;
	tree_init(&t, r->opt, r->api);
	for (size_t i = 0; ok && i < nb; i++)
		if (b[i].data)
			tree_add_blob(&t, b[i].path, b[i].data, b[i].len);
	if (ok)
		tree_run(&t);
	ok = ok && sumcache_store(path, &t);
	tree_release(&t);
	for (size_t i = 0; i < nb; i++)
		free(b[i].data);
	free(b);
	free(lines);
	sb_release(&out);
	return ok;
}

/* --cache-dir: the summaries of the whole base tree, built once per tree (and options)
 * and read back by every later review on the same base. */
static void load_background(struct review *r)
{
	const char *dir = r->opt->cache_dir;
	char spec[64], tree[41];
	snprintf(spec, sizeof(spec), "%s^{tree}", r->base);
	const char *args[] = {"rev-parse", "--verify", "-q", spec, NULL};
	struct strbuf out = {0};
	bool ok = git_out(r, args, &out) && out.len >= 40;
	if (ok)
		snprintf(tree, sizeof(tree), "%.40s", out.buf);
	sb_release(&out);
	if (!ok || (mkdir(dir, 0777) != 0 && errno != EEXIST))
		return;
	uint64_t opts = 0;
	if (!cache_options_key(r->opt, &opts))
		return;
	char *path = arena_printf(&r->a, "%s/review-%s-%016llx.txt", dir, tree, (unsigned long long)opts);
	double start = seconds_now();
	bool built = false;
	tree_init(&r->bg, r->opt, r->api);
	r->have_bg = sumcache_load(path, &r->bg);
	if (!r->have_bg) {
		tree_release(&r->bg);
		if (!r->opt->quiet)
			fprintf(stderr, "lockaudit: review: summarising the whole base tree once for %s\n", dir);
		built = build_background(r, path);
		tree_init(&r->bg, r->opt, r->api);
		r->have_bg = built && sumcache_load(path, &r->bg);
		if (!r->have_bg)
			tree_release(&r->bg);
	}
	if (r->opt->stats && r->have_bg)
		fprintf(stderr, "lockaudit: review: base tree results: %zu files, %zu summaries, %s in %.2f s\n",
			r->bg.nfiles, summary_count(r->bg.sums), built ? "built" : "loaded", seconds_now() - start);
}

/* --- the whole review ---------------------------------------------------------------------- */

/* A new finding in a caller the series leaves alone, which calls a changed function with a
 * new finding of its own: the callee's breach going on up (a leak the caller inherits), said
 * as a note of the callee's finding.  Its index, or -1.  Not an ops-table contract: that
 * one is about what the callers of the field expect, and stands on its own. */
static long cascade_root(struct review *r, const struct finding_list *news, size_t i)
{
	const struct finding *f = &news->v[i];
	if (f->kind == FK_OPS_CONTRACT || strset_has(&r->changed_fns, f->function))
		return -1;
	for (size_t k = 0; k < news->n; k++)
		if (k != i && strset_has(&r->changed_fns, news->v[k].function) && news->v[k].kind != FK_OPS_CONTRACT &&
		    calls_fn(r, f->function, news->v[k].function))
			return (long)k;
	return -1;
}

static void attribute(struct review *r)
{
	struct finding_list news = {0}, fixed = {0};
	compare_ends(r, &news, &fixed);
	findings_sort(&news);
	findings_sort(&fixed);
	find_callers(r, &news);
	long *root = xcalloc(news.n + 1, sizeof(*root));
	for (size_t i = 0; i < news.n; i++)
		root[i] = cascade_root(r, &news, i);
	for (size_t i = 0; i < news.n; i++) {
		if (root[i] >= 0)
			continue;	/* said with its root */
		VEC(struct note) extra = {0};
		for (size_t j = 0; j < news.n; j++)
			if (root[j] == (long)i)
				VEC_PUSH(&extra, ((struct note){.loc = news.v[j].loc, .file = news.v[j].file,
					.message = arena_printf(&r->a, "it goes on into the caller '%s', which the series does "
								"not change: %s", news.v[j].function, news.v[j].message)}));
		struct want w = {&news.v[i], count_like(findings_of(r, r->v.n - 1), &news.v[i]), true};
		add_attributed_with(r, &news.v[i], "new", "introduced", &r->v.v[first_version(r, has_count, &w)], extra.v,
				    extra.n);
		VEC_FREE(&extra);
		r->nregressions++;
	}
	free(root);
	contract_changes(r, &news);
	for (size_t i = 0; i < fixed.n; i++) {
		struct want w = {&fixed.v[i], count_like(findings_of(r, r->v.n - 1), &fixed.v[i]), false};
		add_attributed(r, &fixed.v[i], "absent", "fixed", &r->v.v[first_version(r, has_count, &w)]);
	}
	r->nfixed = fixed.n;
	findings_release(&news);
	findings_release(&fixed);
}

static void print_result(struct review *r, double seconds)
{
	const struct options *o = r->opt;
	if (o->format == FORMAT_JSON)
		report_json(&r->out, stdout);
	else if (o->format == FORMAT_SARIF)
		report_sarif(&r->out, LOCKAUDIT_VERSION, stdout);
	else
		report_text(&r->out, stdout);
	fflush(stdout);	/* the summary lines come after the findings, also in a 2>&1 capture */
	if (o->quiet)
		return;
	size_t ran = r->nruns;
	if (o->patch)
		fprintf(stderr, "lockaudit: review of %s on %.12s: %zu patch%s", o->patch, r->base, r->ncommits,
			r->ncommits == 1 ? "" : "es");
	else
		fprintf(stderr, "lockaudit: review of %.12s..%.12s: %zu commit%s", r->base, r->v.v[r->v.n - 1].rev,
			r->ncommits, r->ncommits == 1 ? "" : "s");
	fprintf(stderr, ", %zu files changed, %zu functions changed; %zu files read per version, "
		"%zu version%s analysed, %.2f s\n", r->changed.n, r->changed_fns.n, r->files.n, ran, ran == 1 ? "" : "s",
		seconds);
	fprintf(stderr, "lockaudit: %zu regression%s, %zu fixed, %zu lock contract%s changed\n", r->nregressions,
		r->nregressions == 1 ? "" : "s", r->nfixed, r->ncontracts, r->ncontracts == 1 ? "" : "s");
}

static void review_release(struct review *r)
{
	for (size_t i = 0; i < r->v.n; i++) {
		struct version *v = &r->v.v[i];
		for (size_t k = 0; k < v->touched.n; k++)
			free(v->touched.v[k]);
		VEC_FREE(&v->touched);
		for (size_t k = 0; k < v->ov.n; k++)
			free(v->ov.v[k].data);
		VEC_FREE(&v->ov);
		drop_run(v);
	}
	VEC_FREE(&r->v);
	for (size_t i = 0; i < r->retired.n; i++)
		drop_run(&r->retired.v[i]);
	VEC_FREE(&r->retired);
	for (size_t i = 0; i < r->changed.n; i++)
		free(r->changed.v[i]);
	VEC_FREE(&r->changed);
	VEC_FREE(&r->before);
	VEC_FREE(&r->after);
	VEC_FREE(&r->files);
	strset_release(&r->changed_fns);
	strset_release(&r->fields);
	strset_release(&r->calls);
	strset_release(&r->affecting);
	strset_release(&r->files_seen);
	free(r->out.v);
	parser_release(&r->parser);
	if (r->have_bg)
		tree_release(&r->bg);
	arena_release(&r->a);
}


int review_run(const struct options *opt, const struct lockapi *api)
{
	double start = seconds_now();
	struct review r = {.opt = opt, .api = api, .no_seed = getenv("LOCKAUDIT_REVIEW_NO_SEED") != NULL};
	parser_init(&r.parser);
	const char *range = opt->npaths ? opt->paths[0] : NULL;
	const char *top[] = {"rev-parse", "--git-dir", NULL};
	struct strbuf out = {0}, err = {0};
	if (git_run(NULL, top, NULL, 0, &out, &err) != 0)
		fail(&r, "%s", "not inside a git repository (run it in the repository to review)");
	sb_release(&out);
	sb_release(&err);
	char head[41] = {0};
	if (!r.error && resolve_range(&r, range, head))
		add_version(&r, r.base, NULL);
	if (!r.error && opt->patch) {
		patch_versions(&r, opt->patch);
	} else if (!r.error) {
		list_commits(&r, head);
		changed_paths_git(&r, head);
		if (r.v.n == 1)
			add_version(&r, head, arena_strdup(&r.a, "HEAD"));
	}
	if (!r.error && opt->cache_dir)
		load_background(&r);
	if (!r.error) {
		for (size_t i = 0; i < r.changed.n; i++)
			add_review_file(&r, r.changed.v[i]);
		add_local_includes(&r, 0);
		expand_files(&r);
	}
	if (!r.error) {
		changed_functions(&r);
		if (opt->verbose)
			for (size_t i = 0; i < r.changed_fns.cap; i++)
				if (r.changed_fns.slot[i])
					fprintf(stderr, "lockaudit: review: changed: %s\n", r.changed_fns.slot[i]);
		attribute(&r);
		print_result(&r, seconds_now() - start);
	}
	int status = r.error ? 2 : r.nregressions ? 1 : 0;
	review_release(&r);
	return status;
}

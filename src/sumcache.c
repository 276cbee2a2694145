#include "sumcache.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings.h"
#include "summary.h"
#include "util.h"

#define SUMCACHE_MAGIC "lockaudit-results 1"

/* --- writing ------------------------------------------------------------------------------- */

static void put_loc(FILE *f, struct loc l)
{
	fprintf(f, "\t%u\t%u", l.line, l.col);
}

static void vfields(FILE *f, va_list ap)
{
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		field_put(f, s);
}

/* Fields (NULL ends them), each after a tab. */
static void fields(FILE *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vfields(f, ap);
	va_end(ap);
}

/* A record: its letter, then fields (NULL ends them). */
static void record(FILE *f, char kind, ...)
{
	va_list ap;
	va_start(ap, kind);
	fputc(kind, f);
	vfields(f, ap);
	va_end(ap);
}

static void write_summary(FILE *f, const struct summary *s)
{
	unsigned flags = (unsigned)s->is_static | (unsigned)s->is_macro << 1 | (unsigned)s->imbalanced << 2 |
			 (unsigned)s->by_value << 3 | (unsigned)s->guessed << 4 | (unsigned)s->cond_written << 5 |
			 (unsigned)s->noreturn << 6;
	record(f, 'S', s->name, (const char *)NULL);
	put_loc(f, s->loc);
	fprintf(f, "\t%u\t%u", flags, (unsigned)s->nreturns);
	field_put(f, s->cond_key ? s->cond_key : "");
	fprintf(f, "\t%u", (unsigned)s->tested_params);
	fputs("\nP", f);
	for (size_t i = 0; i < s->nparams; i++)
		field_put(f, s->params[i]);
	fputc('\n', f);
	for (uint16_t i = 0; i < s->ncases; i++) {
		const struct sum_case *c = &s->cases[i];
		fprintf(f, "C\t%u\t%u", (unsigned)c->bits, (unsigned)c->nreturns);
		put_loc(f, c->first_return);
		fprintf(f, "\t%u\t%u", (unsigned)c->caller_returns, (unsigned)c->when);
		field_put(f, c->ret_var ? c->ret_var : "");
		fputc('\n', f);
		for (uint16_t k = 0; k < c->neffects; k++) {
			const struct sum_effect *e = &c->effects[k];
			record(f, 'E', e->key, (const char *)NULL);
			fprintf(f, "\t%d\t%u\t%u", e->delta, (unsigned)e->mode, (unsigned)e->flags);
			field_put(f, e->prim ? e->prim : "");
			put_loc(f, e->loc);
			fprintf(f, "\t%u", (unsigned)e->owner);
			fputc('\n', f);
		}
	}
}

static void write_findings(FILE *f, const struct finding_list *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *x = &fl->v[i];
		fputc('W', f);
		put_loc(f, x->loc);
		fields(f, x->function, finding_kind_name(x->kind), x->lock, x->message, (const char *)NULL);
		fputc('\n', f);
		for (size_t k = 0; k < x->nnotes; k++) {
			fputc('N', f);
			put_loc(f, x->notes[k].loc);
			fields(f, x->notes[k].file ? x->notes[k].file : "", x->notes[k].message, (const char *)NULL);
			fputc('\n', f);
		}
	}
	for (size_t i = 0; i < fl->nnotices; i++) {
		fputc('X', f);
		put_loc(f, fl->notices[i].loc);
		fields(f, fl->notices[i].message, (const char *)NULL);
		fputc('\n', f);
	}
}

static void write_file(FILE *f, const struct tree_file *tf)
{
	char hash[32];
	snprintf(hash, sizeof(hash), "%016" PRIx64, tf->content_hash);
	record(f, 'F', tf->path, hash, (const char *)NULL);
	fputc('\n', f);
	for (size_t k = 0; k < tf->defined.n; k++)
		record(f, 'D', tf->defined.v[k], (const char *)NULL), fputc('\n', f);
	for (size_t k = 0; k < tf->ncallees; k++)
		record(f, 'A', tf->callees[k], (const char *)NULL), fputc('\n', f);
	for (size_t k = 0; k < tf->fns.n; k++) {
		const struct tree_fn *fn = &tf->fns.v[k];
		char h[32];
		snprintf(h, sizeof(h), "%016" PRIx64, fn->hash);
		record(f, 'U', fn->name, h, (const char *)NULL);
		put_loc(f, fn->loc);
		fprintf(f, "\t%d\n", fn->broken);
	}
	for (size_t k = 0; k < tf->guessed.cap; k++)
		if (tf->guessed.slot[k])
			record(f, 'G', tf->guessed.slot[k], (const char *)NULL), fputc('\n', f);
	for (size_t k = 0; k < tf->contracts.impls.n; k++) {
		const struct ops_impl *im = &tf->contracts.impls.v[k];
		record(f, 'I', im->type, im->table, im->field, im->fn, (const char *)NULL);
		put_loc(f, im->loc);
		fputc('\n', f);
	}
	for (size_t k = 0; k < tf->contracts.calls.n; k++) {
		const struct field_call *fc = &tf->contracts.calls.v[k];
		record(f, 'K', fc->field, fc->caller, fc->held, fc->held_by, (const char *)NULL);
		put_loc(f, fc->loc);
		fputc('\n', f);
	}
	write_findings(f, &tf->findings);
	for (size_t k = 0; k < tf->new_sums.n; k++)
		write_summary(f, tf->new_sums.v[k]);
}

bool sumcache_store(const char *path, const struct tree *t)
{
	size_t n = strlen(path) + 32;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL;
	if (f) {
		fprintf(f, "%s\n", SUMCACHE_MAGIC);
		for (size_t i = 0; i < t->nfiles; i++)
			if (t->files[i].hashed)	/* read and analysed (not skipped) */
				write_file(f, &t->files[i]);
		ok = !ferror(f);
		ok &= fclose(f) == 0;
	}
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

/* --- reading ------------------------------------------------------------------------------- */

static struct loc loc_of(const char *line, const char *col)
{
	return (struct loc){(uint32_t)strtoul(line, NULL, 10), (uint32_t)strtoul(col, NULL, 10)};
}

/* What is being read: the file, and the summary, case and effects being built. */
struct reader {
	struct tree *t;
	struct tree_file *f;
	struct summary *s;
	VEC(struct sum_case) cases;
	VEC(struct sum_effect) effects;	/* of the last case */
	VEC(struct note) notes;		/* of the last finding */
};

static void end_case(struct reader *rd)
{
	if (!rd->cases.n)
		return;
	struct sum_case *c = &rd->cases.v[rd->cases.n - 1];
	c->neffects = (uint16_t)rd->effects.n;
	c->effects = arena_memdup(&rd->f->sum_arena, rd->effects.v, rd->effects.n * sizeof(*rd->effects.v));
	rd->effects.n = 0;
}

static void end_summary(struct reader *rd)
{
	if (!rd->s)
		return;
	end_case(rd);
	rd->s->ncases = (uint16_t)rd->cases.n;
	rd->s->cases = arena_memdup(&rd->f->sum_arena, rd->cases.v, rd->cases.n * sizeof(*rd->cases.v));
	summary_set_text(&rd->f->sum_arena, rd->s);
	summary_put(rd->t->sums, rd->s);
	rd->cases.n = 0;
	rd->s = NULL;
}

static void end_finding(struct reader *rd)
{
	struct finding_list *fl = rd->f ? &rd->f->findings : NULL;
	if (fl && fl->n && rd->notes.n) {
		fl->v[fl->n - 1].notes = arena_memdup(&rd->f->arena, rd->notes.v, rd->notes.n * sizeof(*rd->notes.v));
		fl->v[fl->n - 1].nnotes = rd->notes.n;
	}
	rd->notes.n = 0;
}

static void end_file(struct reader *rd)
{
	end_summary(rd);
	end_finding(rd);
	for (size_t k = 0; rd->f && k < rd->f->defined.n; k++)
		summary_note_defined(rd->t->sums, rd->f->defined.v[k]);
}

static bool read_summary_part(struct reader *rd, char **fl, int n)
{
	struct arena *a = &rd->f->sum_arena;
	if (fl[0][0] == 'S' && n >= 8) {
		end_summary(rd);
		unsigned flags = (unsigned)atoi(fl[4]);
		struct summary *s = ARENA_NEW(a, struct summary);
		*s = (struct summary){.name = arena_strdup(a, fl[1]), .file = rd->f->path, .loc = loc_of(fl[2], fl[3]),
				      .is_static = flags & 1, .is_macro = flags >> 1 & 1, .imbalanced = flags >> 2 & 1,
				      .by_value = flags >> 3 & 1, .guessed = flags >> 4 & 1, .cond_written = flags >> 5 & 1,
				      .noreturn = flags >> 6 & 1,
				      .nreturns = (uint16_t)atoi(fl[5]), .cond_key = fl[6][0] ? arena_strdup(a, fl[6]) : NULL,
				      .tested_params = (uint32_t)strtoul(fl[7], NULL, 10)};
		rd->s = s;
		VEC_PUSH(&rd->f->new_sums, s);
	} else if (fl[0][0] == 'P' && rd->s) {
		rd->s->nparams = (size_t)(n - 1);
		rd->s->params = ARENA_ARRAY(a, const char *, n);
		for (int i = 1; i < n; i++)
			rd->s->params[i - 1] = arena_strdup(a, fl[i]);
	} else if (fl[0][0] == 'C' && n >= 8 && rd->s) {
		end_case(rd);
		VEC_PUSH(&rd->cases, ((struct sum_case){.bits = (uint8_t)atoi(fl[1]), .nreturns = (uint16_t)atoi(fl[2]),
			.first_return = loc_of(fl[3], fl[4]), .caller_returns = atoi(fl[5]) != 0, .when = (uint8_t)atoi(fl[6]),
			.ret_var = fl[7][0] ? arena_strdup(a, fl[7]) : NULL}));
	} else if (fl[0][0] == 'E' && n >= 9 && rd->cases.n) {
		VEC_PUSH(&rd->effects, ((struct sum_effect){.key = arena_strdup(a, fl[1]), .delta = (int8_t)atoi(fl[2]),
			.mode = (uint8_t)atoi(fl[3]), .flags = (uint8_t)atoi(fl[4]),
			.prim = fl[5][0] ? arena_strdup(a, fl[5]) : NULL, .loc = loc_of(fl[6], fl[7]),
			.owner = (uint8_t)atoi(fl[8])}));
	} else {
		return false;
	}
	return true;
}

static bool read_finding_part(struct reader *rd, char **fl, int n)
{
	struct tree_file *f = rd->f;
	struct arena *a = &f->arena;
	if (fl[0][0] == 'W' && n >= 7 && finding_kind_of(fl[4]) >= 0) {
		end_finding(rd);
		struct finding x = {.file = f->path, .loc = loc_of(fl[1], fl[2]), .function = arena_strdup(a, fl[3]),
				    .kind = (enum finding_kind)finding_kind_of(fl[4]), .lock = arena_strdup(a, fl[5]),
				    .message = arena_strdup(a, fl[6])};
		VEC_PUSH(&f->findings, x);
	} else if (fl[0][0] == 'N' && n >= 5 && f->findings.n) {
		VEC_PUSH(&rd->notes, ((struct note){loc_of(fl[1], fl[2]), arena_strdup(a, fl[4]),
						    fl[3][0] ? arena_strdup(a, fl[3]) : NULL}));
	} else if (fl[0][0] == 'X' && n >= 4) {
		findings_notice_copy(&f->findings, &(struct notice){f->path, loc_of(fl[1], fl[2]), arena_strdup(a, fl[3])});
	} else {
		return false;
	}
	return true;
}

static bool read_record(struct reader *rd, char **fl, int n)
{
	if (fl[0][0] == 'F' && n >= 3) {
		end_file(rd);
		rd->f = tree_add_result(rd->t, fl[1], strtoull(fl[2], NULL, 16));
		return true;
	}
	struct tree_file *f = rd->f;
	if (!f)
		return false;
	struct arena *a = &f->arena;
	switch (fl[0][0]) {
	case 'D':
		VEC_PUSH(&f->defined, xstrdup(n >= 2 ? fl[1] : ""));
		return true;
	case 'A':
		f->callees = xrealloc(f->callees, (f->ncallees + 1) * sizeof(*f->callees));
		f->callees[f->ncallees++] = arena_strdup(a, n >= 2 ? fl[1] : "");
		return true;
	case 'G':
		strset_add(&f->guessed, n >= 2 ? fl[1] : "");
		return true;
	case 'U':
		if (n < 6)
			return false;
		VEC_PUSH(&f->fns, ((struct tree_fn){arena_strdup(a, fl[1]), strtoull(fl[2], NULL, 16), loc_of(fl[3], fl[4]),
						    atoi(fl[5]) != 0}));
		return true;
	case 'I':
		if (n < 7)
			return false;
		VEC_PUSH(&f->contracts.impls, ((struct ops_impl){arena_strdup(a, fl[1]), arena_strdup(a, fl[2]),
			arena_strdup(a, fl[3]), arena_strdup(a, fl[4]), f->path, loc_of(fl[5], fl[6])}));
		return true;
	case 'K':
		if (n < 7)
			return false;
		VEC_PUSH(&f->contracts.calls, ((struct field_call){arena_strdup(a, fl[1]), arena_strdup(a, fl[2]),
			f->path, loc_of(fl[5], fl[6]), arena_strdup(a, fl[3]), arena_strdup(a, fl[4])}));
		return true;
	case 'W': case 'N': case 'X':
		return read_finding_part(rd, fl, n);
	default:
		return read_summary_part(rd, fl, n);
	}
}

bool sumcache_load(const char *path, struct tree *t)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	struct strbuf line = {0};
	struct reader rd = {.t = t};
	bool ok = read_line(f, &line) && strcmp(line.buf, SUMCACHE_MAGIC) == 0;
	while (ok && read_line(f, &line)) {
		char *fl[16];
		int n = field_split(line.buf, fl, 16);
		ok = read_record(&rd, fl, n);
	}
	end_file(&rd);
	ok &= !ferror(f);
	fclose(f);
	sb_release(&line);
	VEC_FREE(&rd.cases);
	VEC_FREE(&rd.effects);
	VEC_FREE(&rd.notes);
	return ok;
}

#include "sumcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUMCACHE_MAGIC "lockaudit-summaries 1"

static void put_loc(FILE *f, struct loc l)
{
	fprintf(f, "\t%u\t%u", l.line, l.col);
}

static void write_summary(FILE *f, const struct summary *s)
{
	unsigned flags = (unsigned)s->is_static | (unsigned)s->is_macro << 1 | (unsigned)s->imbalanced << 2 |
			 (unsigned)s->by_value << 3 | (unsigned)s->guessed << 4;
	fputs("S", f);
	field_put(f, s->name);
	put_loc(f, s->loc);
	fprintf(f, "\t%u\t%u", flags, (unsigned)s->nreturns);
	field_put(f, s->cond_key ? s->cond_key : "");
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
			fputs("E", f);
			field_put(f, e->key);
			fprintf(f, "\t%d\t%u\t%u", e->delta, (unsigned)e->mode, (unsigned)e->flags);
			field_put(f, e->prim ? e->prim : "");
			put_loc(f, e->loc);
			fputc('\n', f);
		}
	}
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
		for (size_t i = 0; i < t->nfiles; i++) {
			const struct tree_file *tf = &t->files[i];
			fputs("F", f);
			field_put(f, tf->path);
			fputc('\n', f);
			for (size_t k = 0; k < tf->defined.n; k++) {
				fputs("D", f);
				field_put(f, tf->defined.v[k]);
				fputc('\n', f);
			}
			for (size_t k = 0; k < tf->new_sums.n; k++)
				write_summary(f, tf->new_sums.v[k]);
		}
		ok = !ferror(f);
		ok &= fclose(f) == 0;
	}
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

static struct loc loc_of(char *line, char *col)
{
	return (struct loc){(uint32_t)strtoul(line, NULL, 10), (uint32_t)strtoul(col, NULL, 10)};
}

/* Reading: the summary, case and effect being built. */
struct reader {
	struct sumcache *c;
	struct summary *s;
	VEC(struct sum_case) cases;
	VEC(struct sum_effect) effects;	/* of the last case */
};

static void end_case(struct reader *rd)
{
	if (!rd->cases.n)
		return;
	struct sum_case *c = &rd->cases.v[rd->cases.n - 1];
	c->neffects = (uint16_t)rd->effects.n;
	c->effects = arena_memdup(&rd->c->arena, rd->effects.v, rd->effects.n * sizeof(*rd->effects.v));
	rd->effects.n = 0;
}

static void end_summary(struct reader *rd)
{
	end_case(rd);
	if (!rd->s)
		return;
	rd->s->ncases = (uint16_t)rd->cases.n;
	rd->s->cases = arena_memdup(&rd->c->arena, rd->cases.v, rd->cases.n * sizeof(*rd->cases.v));
	summary_set_text(&rd->c->arena, rd->s);
	rd->cases.n = 0;
	rd->s = NULL;
}

static bool read_record(struct reader *rd, char **fl, int n)
{
	struct sumcache *c = rd->c;
	struct arena *a = &c->arena;
	struct sumcache_file *file = c->files.n ? &c->files.v[c->files.n - 1] : NULL;
	if (fl[0][0] == 'F' && n >= 2) {
		end_summary(rd);
		VEC_PUSH(&c->files, ((struct sumcache_file){.path = arena_strdup(a, fl[1])}));
	} else if (fl[0][0] == 'D' && n >= 2 && file) {
		VEC_PUSH(&file->defined, arena_strdup(a, fl[1]));
	} else if (fl[0][0] == 'S' && n >= 7 && file) {
		end_summary(rd);
		unsigned flags = (unsigned)atoi(fl[4]);
		struct summary *s = ARENA_NEW(a, struct summary);
		*s = (struct summary){.name = arena_strdup(a, fl[1]), .file = file->path, .loc = loc_of(fl[2], fl[3]),
				      .is_static = flags & 1, .is_macro = flags >> 1 & 1, .imbalanced = flags >> 2 & 1,
				      .by_value = flags >> 3 & 1, .guessed = flags >> 4 & 1,
				      .nreturns = (uint16_t)atoi(fl[5]), .cond_key = fl[6][0] ? arena_strdup(a, fl[6]) : NULL};
		rd->s = s;
		VEC_PUSH(&file->sums, s);
		c->nsums++;
	} else if (fl[0][0] == 'P' && rd->s) {
		rd->s->nparams = (size_t)(n - 1);
		rd->s->params = ARENA_ARRAY(a, const char *, n);
		for (int i = 1; i < n; i++)
			rd->s->params[i - 1] = arena_strdup(a, fl[i]);
	} else if (fl[0][0] == 'C' && n >= 8 && rd->s) {
		end_case(rd);
		VEC_PUSH(&rd->cases, ((struct sum_case){.bits = (uint8_t)atoi(fl[1]), .nreturns = (uint16_t)atoi(fl[2]),
			.first_return = loc_of(fl[3], fl[4]), .caller_returns = atoi(fl[5]) != 0, .when = atoi(fl[6]) != 0,
			.ret_var = fl[7][0] ? arena_strdup(a, fl[7]) : NULL}));
	} else if (fl[0][0] == 'E' && n >= 8 && rd->cases.n) {
		VEC_PUSH(&rd->effects, ((struct sum_effect){.key = arena_strdup(a, fl[1]), .delta = (int8_t)atoi(fl[2]),
			.mode = (uint8_t)atoi(fl[3]), .flags = (uint8_t)atoi(fl[4]),
			.prim = fl[5][0] ? arena_strdup(a, fl[5]) : NULL, .loc = loc_of(fl[6], fl[7])}));
	} else {
		return false;
	}
	return true;
}

bool sumcache_load(struct sumcache *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	struct strbuf line = {0};
	struct reader rd = {.c = c};
	bool ok = read_line(f, &line) && strcmp(line.buf, SUMCACHE_MAGIC) == 0;
	while (ok && read_line(f, &line)) {
		char *fl[16];
		int n = field_split(line.buf, fl, 16);
		ok = read_record(&rd, fl, n);
	}
	end_summary(&rd);
	ok &= !ferror(f);
	fclose(f);
	sb_release(&line);
	VEC_FREE(&rd.cases);
	VEC_FREE(&rd.effects);
	if (!ok)
		sumcache_release(c);
	return ok;
}

void sumcache_release(struct sumcache *c)
{
	for (size_t i = 0; i < c->files.n; i++) {
		VEC_FREE(&c->files.v[i].sums);
		VEC_FREE(&c->files.v[i].defined);
	}
	VEC_FREE(&c->files);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

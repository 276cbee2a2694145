#include "cache.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "lockaudit-cache 1"

static uint64_t hash_str(uint64_t h, const char *s)
{
	return hash_bytes(s ? s : "", s ? strlen(s) + 1 : 1, h);
}

static bool hash_file(uint64_t *h, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		*h = hash_bytes(buf, n, *h);
	fclose(f);
	return true;
}

bool cache_options_key(const struct options *o, uint64_t *key)
{
	uint64_t h = hash_str(0, LOCKAUDIT_VERSION " " __DATE__ " " __TIME__);
	h = hash_str(h, o->profiles);
	char flags[8] = {(char)('0' + o->no_guess), (char)('0' + o->no_summaries), 0};
	h = hash_str(h, flags);
	if (o->config && !hash_file(&h, o->config))
		return false;
	*key = h;
	return true;
}

bool cache_key(const struct tree *t, const struct options *o, uint64_t *key)
{
	uint64_t h;
	if (!cache_options_key(o, &h))
		return false;
	h = hash_str(h, o->tree_root);
	for (size_t i = 0; i < t->nfiles; i++) {
		h = hash_str(h, t->files[i].path);
		h = hash_str(h, t->files[i].context ? "c" : "r");
		if (!hash_file(&h, t->files[i].path))
			return false;
	}
	*key = h;
	return true;
}

static void path_of(char *buf, size_t len, const char *dir, uint64_t key)
{
	snprintf(buf, len, "%s/run-%016llx.txt", dir, (unsigned long long)key);
}

void cache_store(const char *dir, uint64_t key, const struct finding_list *fl)
{
	char path[4096], tmp[4200];
	path_of(path, sizeof(path), dir, key);
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return;
	FILE *f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "%s\n", CACHE_MAGIC);
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *x = &fl->v[i];
		fprintf(f, "F\t%u\t%u", x->loc.line, x->loc.col);
		field_put(f, x->file);
		field_put(f, x->function);
		field_put(f, finding_kind_name(x->kind));
		field_put(f, x->lock);
		field_put(f, x->message);
		fputc('\n', f);
		for (size_t k = 0; k < x->nnotes; k++) {
			fprintf(f, "N\t%u\t%u", x->notes[k].loc.line, x->notes[k].loc.col);
			field_put(f, x->notes[k].file ? x->notes[k].file : "");
			field_put(f, x->notes[k].message);
			fputc('\n', f);
		}
	}
	for (size_t i = 0; i < fl->nnotices; i++) {
		fprintf(f, "X\t%u\t%u", fl->notices[i].loc.line, fl->notices[i].loc.col);
		field_put(f, fl->notices[i].file);
		field_put(f, fl->notices[i].message);
		fputc('\n', f);
	}
	bool ok = !ferror(f);
	ok &= fclose(f) == 0;
	if (!ok || rename(tmp, path) != 0)
		unlink(tmp);
}


bool cache_load(const char *dir, uint64_t key, struct finding_list *out, struct arena *a)
{
	char path[4096];
	path_of(path, sizeof(path), dir, key);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	struct strbuf line = {0};
	VEC(struct note) notes = {0};
	bool ok = true, first = true;
	memset(out, 0, sizeof(*out));
	while (ok && read_line(f, &line)) {
		char *fl[8];
		int n = field_split(line.buf, fl, 8);
		if (first) {
			ok = strcmp(line.buf, CACHE_MAGIC) == 0;
			first = false;
		} else if (n >= 8 && strcmp(fl[0], "F") == 0 && finding_kind_of(fl[5]) >= 0) {
			if (out->n) {
				out->v[out->n - 1].notes = arena_memdup(a, notes.v, notes.n * sizeof(*notes.v));
				out->v[out->n - 1].nnotes = notes.n;
			}
			notes.n = 0;
			struct finding x = {arena_strdup(a, fl[3]), {(uint32_t)atoi(fl[1]), (uint32_t)atoi(fl[2])},
					    arena_strdup(a, fl[4]), (enum finding_kind)finding_kind_of(fl[5]), arena_strdup(a, fl[6]),
					    arena_strdup(a, fl[7]), NULL, 0, NULL, NULL};
			VEC_PUSH(out, x);
		} else if (n >= 5 && strcmp(fl[0], "N") == 0 && out->n) {
			struct note nt = {{(uint32_t)atoi(fl[1]), (uint32_t)atoi(fl[2])}, arena_strdup(a, fl[4]),
					  fl[3][0] ? arena_strdup(a, fl[3]) : NULL};
			VEC_PUSH(&notes, nt);
		} else if (n >= 5 && strcmp(fl[0], "X") == 0) {
			findings_notice_copy(out, &(struct notice){arena_strdup(a, fl[3]),
				{(uint32_t)atoi(fl[1]), (uint32_t)atoi(fl[2])}, arena_strdup(a, fl[4])});
		} else {
			ok = false;
		}
		line.len = 0;
	}
	if (ok && out->n) {
		out->v[out->n - 1].notes = arena_memdup(a, notes.v, notes.n * sizeof(*notes.v));
		out->v[out->n - 1].nnotes = notes.n;
	}
	ok &= !ferror(f) && !first;
	fclose(f);
	sb_release(&line);
	VEC_FREE(&notes);
	if (!ok)
		findings_release(out);
	return ok;
}

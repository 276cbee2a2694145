/* mkdtemp and nftw are POSIX 2008 / XSI. */
#define _XOPEN_SOURCE 700
#include "patchset.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gitrepo.h"
#include "source.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static char *join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *full = xmalloc(n);
	snprintf(full, n, "%s/%s", dir, rel);
	return full;
}

static bool write_file(const char *dir, const char *rel, const char *data, size_t len)
{
	char *full = join(dir, rel);
	for (char *p = full + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(full, 0700);
		*p = '/';
	}
	FILE *f = fopen(full, "wb");
	bool ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	free(full);
	return ok;
}

static char *read_file(const char *path, size_t *len)
{
	struct source src;
	char err[256];
	if (source_read(&src, path, err, sizeof(err)) != SOURCE_OK)
		return NULL;
	*len = src.len;
	return src.text;
}

/* One patch, or an mbox of them: split at the "From <hash> " line that starts each. */
static size_t split_series(char *text, char ***parts)
{
	VEC(char *) v = {0};
	VEC_PUSH(&v, text);
	for (char *p = text; (p = strstr(p, "\nFrom ")) != NULL; p++) {
		char *h = p + 6;
		size_t k = 0;
		while (k < 40 && ((h[k] >= '0' && h[k] <= '9') || (h[k] >= 'a' && h[k] <= 'f')))
			k++;
		if (k == 40 && h[40] == ' ') {
			*p = '\0';
			VEC_PUSH(&v, p + 1);
		}
	}
	*parts = v.v;
	return v.n;
}

static char *label_of(const char *part, size_t i, size_t n)
{
	char buf[512];
	const char *s = strstr(part, "\nSubject: ");
	if (!s) {
		snprintf(buf, sizeof(buf), n > 1 ? "patch %zu/%zu" : "the patch", i + 1, n);
		return xstrdup(buf);
	}
	s += 10;
	if (*s == '[') {	/* [PATCH v2 3/7] */
		const char *e = strchr(s, ']');
		if (e && e < strchr(s, '\n'))
			s = e + 1 + (e[1] == ' ');
	}
	snprintf(buf, sizeof(buf), "patch %zu/%zu \"%.*s\"", i + 1, n, (int)strcspn(s, "\n"), s);
	return xstrdup(buf);
}

static bool listed(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* The .c/.h paths a patch changes, from `git apply --numstat` (which reads only the patch). */
static bool patch_paths(struct patch_series *ps, struct patch_step *st, const char *dir, const char *part,
			char *err, size_t errlen)
{
	const char *args[] = {"apply", "--numstat", "-", NULL};
	struct strbuf out = {0}, gerr = {0};
	bool ok = git_run(dir, args, part, strlen(part), &out, &gerr) == 0;
	if (!ok)
		snprintf(err, errlen, "cannot read the patch: %s", sb_str(&gerr));
	char **lines;
	size_t n = git_split(out.buf, out.len, '\n', &lines);
	for (size_t i = 0; i < n; i++) {
		char *path = strrchr(lines[i], '\t');
		if (!path || !is_c_source(path + 1))
			continue;
		VEC_PUSH(&st->touched, xstrdup(path + 1));
		if (!listed(ps->paths.v, ps->paths.n, path + 1))
			VEC_PUSH(&ps->paths, xstrdup(path + 1));
	}
	free(lines);
	sb_release(&out);
	sb_release(&gerr);
	return ok;
}

/* The base's copies of the series' files, into dir. */
static bool write_base(const struct patch_series *ps, const char *base, const char *dir, char *err, size_t errlen)
{
	struct git_blob *b = xcalloc(ps->paths.n + 1, sizeof(*b));
	for (size_t i = 0; i < ps->paths.n; i++)
		b[i] = (struct git_blob){.rev = base, .path = ps->paths.v[i]};
	bool ok = git_read_blobs(NULL, b, ps->paths.n);
	if (!ok)
		snprintf(err, errlen, "cannot read the base's files");
	for (size_t i = 0; ok && i < ps->paths.n; i++)
		if (b[i].data && !write_file(dir, b[i].path, b[i].data, b[i].len)) {
			snprintf(err, errlen, "cannot write to the temporary directory %s", dir);
			ok = false;
		}
	for (size_t i = 0; i < ps->paths.n; i++)
		free(b[i].data);
	free(b);
	return ok;
}

static bool apply_all(struct patch_series *ps, char **parts, const char *dir, char *err, size_t errlen)
{
	size_t n = strlen(dir) + 32;
	char *env_value = xmalloc(n);
	snprintf(env_value, n, "GIT_CEILING_DIRECTORIES=%s", dir);
	const char *env[] = {env_value, NULL};
	const char *args[] = {"apply", "--whitespace=nowarn", "-", NULL};
	bool ok = true;
	for (size_t i = 0; ok && i < ps->steps.n; i++) {
		struct strbuf out = {0}, gerr = {0};
		ok = git_run_env(dir, env, args, parts[i], strlen(parts[i]), &out, &gerr) == 0;
		if (!ok)
			snprintf(err, errlen, "%s does not apply: %s", ps->steps.v[i].label, sb_str(&gerr));
		for (size_t k = 0; ok && k < ps->paths.n; k++) {
			struct patch_text t = {.path = ps->paths.v[k]};
			char *full = join(dir, t.path);
			t.data = read_file(full, &t.len);
			free(full);
			VEC_PUSH(&ps->steps.v[i].texts, t);
		}
		sb_release(&out);
		sb_release(&gerr);
	}
	free(env_value);
	return ok;
}

bool patch_series_apply(struct patch_series *ps, const char *patch_file, const char *base, char *err,
			size_t errlen)
{
	memset(ps, 0, sizeof(*ps));
	size_t len;
	char *text = read_file(patch_file, &len);
	if (!text) {
		snprintf(err, errlen, "cannot read the patch file '%s'", patch_file);
		return false;
	}
	const char *t = getenv("TMPDIR");
	char *dir = join(t && t[0] ? t : "/tmp", "lockaudit-review.XXXXXX");
	bool made = mkdtemp(dir) != NULL, ok = made;
	if (!ok)
		snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
	char **parts = NULL;
	size_t n = ok ? split_series(text, &parts) : 0;
	for (size_t i = 0; ok && i < n; i++) {
		VEC_PUSH(&ps->steps, ((struct patch_step){.label = label_of(parts[i], i, n)}));
		ok = patch_paths(ps, &ps->steps.v[i], dir, parts[i], err, errlen);
	}
	ok = ok && write_base(ps, base, dir, err, errlen) && apply_all(ps, parts, dir, err, errlen);
	if (made)
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	free(parts);
	free(text);
	return ok;
}

void patch_series_release(struct patch_series *ps)
{
	for (size_t i = 0; i < ps->steps.n; i++) {
		struct patch_step *st = &ps->steps.v[i];
		free(st->label);
		for (size_t k = 0; k < st->touched.n; k++)
			free(st->touched.v[k]);
		VEC_FREE(&st->touched);
		for (size_t k = 0; k < st->texts.n; k++)
			free(st->texts.v[k].data);
		VEC_FREE(&st->texts);
	}
	VEC_FREE(&ps->steps);
	for (size_t i = 0; i < ps->paths.n; i++)
		free(ps->paths.v[i]);
	VEC_FREE(&ps->paths);
}

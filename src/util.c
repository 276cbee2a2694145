#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "lockaudit: internal error at %s:%d: check '%s' failed\n", file, line, what);
	abort();
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("lockaudit: fatal: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }
void sb_putc(struct strbuf *sb, char c) { sb_add(sb, &c, 1); }

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull ^ seed;	/* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

static size_t strset_find(const struct strset *s, const char *str)
{
	size_t i = (size_t)hash_bytes(str, strlen(str), 7) & (s->cap - 1);
	while (s->slot[i] && strcmp(s->slot[i], str) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool strset_has(const struct strset *s, const char *str)
{
	return s->cap && s->slot[strset_find(s, str)] != NULL;
}

bool strset_add(struct strset *s, const char *str)
{
	if (2 * (s->n + 1) > s->cap) {
		struct strset grown = {xcalloc(s->cap ? 2 * s->cap : 64, sizeof(char *)), s->cap ? 2 * s->cap : 64, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i]) {
				grown.slot[strset_find(&grown, s->slot[i])] = s->slot[i];
				grown.n++;
			}
		free(s->slot);
		*s = grown;
	}
	size_t i = strset_find(s, str);
	if (s->slot[i])
		return false;
	s->slot[i] = xstrdup(str);
	s->n++;
	return true;
}

void strset_clear(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++) {
		free(s->slot[i]);
		s->slot[i] = NULL;
	}
	s->n = 0;
}

void strset_release(struct strset *s)
{
	strset_clear(s);
	free(s->slot);
	s->slot = NULL;
	s->cap = 0;
}

void field_put(FILE *f, const char *s)
{
	fputc('\t', f);
	for (; s && *s; s++)
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
}

int field_split(char *line, char **fields, int max)
{
	int n = 0;
	char *w = line;
	fields[n++] = w;
	for (char *r = line; *r && n <= max; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n < max)
				fields[n++] = w;
			continue;
		}
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return n;
}

bool read_line(FILE *f, struct strbuf *line)
{
	char chunk[4096];
	line->len = 0;
	if (line->buf)
		line->buf[0] = '\0';
	while (fgets(chunk, sizeof(chunk), f)) {
		sb_puts(line, chunk);
		if (line->buf[line->len - 1] == '\n') {
			line->buf[--line->len] = '\0';
			return true;
		}
	}
	return line->len > 0;
}

bool is_c_source(const char *path)
{
	return has_suffix(path, ".c") || has_suffix(path, ".h");
}

static bool ends_word_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k || (n > k && s[n - k - 1] != '_'))
		return false;
	for (size_t i = 0; i < k; i++)
		if ((s[n - k + i] | 0x20) != w[i])
			return false;
	return true;
}

int bool_name_value(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ident_char((unsigned char)s[i]))
			return -1;
	if (ends_word_ci(s, n, "true"))
		return 1;
	if (ends_word_ci(s, n, "false"))
		return 0;
	return -1;
}

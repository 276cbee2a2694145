/* util: domain-free helpers.
 * Takes: nothing but the C library.  Gives: allocation that dies on OOM, a growable
 * array macro, a string buffer, string hashing.  Owns: nothing beyond what callers free. */
#ifndef LOCKAUDIT_UTIL_H
#define LOCKAUDIT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define countof(a) (sizeof(a) / sizeof((a)[0]))

/* A broken invariant is a bug in lockaudit, never in the input: report where and abort. */
#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))
_Noreturn void check_failed(const char *file, int line, const char *what);
_Noreturn void die(const char *fmt, ...);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Growable array of T on the heap: struct { T *v; size_t n, cap; }. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(a, x) do { \
		if ((a)->n == (a)->cap) { \
			(a)->cap = (a)->cap ? 2 * (a)->cap : 8; \
			(a)->v = xrealloc((a)->v, (a)->cap * sizeof(*(a)->v)); \
		} \
		(a)->v[(a)->n++] = (x); \
	} while (0)
#define VEC_FREE(a) do { free((a)->v); (a)->v = NULL; (a)->n = (a)->cap = 0; } while (0)

/* String buffer: always NUL-terminated after the first append. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_release(struct strbuf *sb);
static inline const char *sb_str(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

/* A set of strings (copied in), for names. */
struct strset {
	char **slot;
	size_t cap, n;
};
bool strset_add(struct strset *s, const char *str);	/* true if it was not there */
bool strset_has(const struct strset *s, const char *str);
void strset_clear(struct strset *s);
void strset_release(struct strset *s);

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);
/* Inline: the key scans of the analysis call it for every character. */
static inline bool is_ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
/* A whole C identifier (`tx`, not `tx->a` nor `42`). */
static inline bool is_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!is_ident_char((unsigned char)*s))
			return false;
	return true;
}
/* The value a project's spelling of a boolean constant names: 1 for `true`, `TRUE`,
 * `B_TRUE`, `_gf_true` (an identifier that is, or ends in `_` and, true in any case), 0 for
 * the false ones, -1 for any other n bytes at s. */
int bool_name_value(const char *s, size_t n);
bool has_suffix(const char *s, const char *suffix);
bool is_c_source(const char *path);	/* a .c or .h file */

/* Tab-separated records (the caches): a field is written after a tab, with backslash,
 * tab and newline escaped; field_split undoes that in place and returns the field count
 * (at most max); read_line reads one line of any length without its newline. */
void field_put(FILE *f, const char *s);
int field_split(char *line, char **fields, int max);
bool read_line(FILE *f, struct strbuf *line);

#endif

#include "defscan.h"

#include <string.h>

#include "macros.h"
#include "util.h"

static void note_name(const char *s, size_t n, void (*note)(void *, const char *), void *ctx)
{
	char name[128];
	if (n == 0 || n >= sizeof(name))
		return;
	memcpy(name, s, n);
	name[n] = '\0';
	note(ctx, name);
}

/* A directive at p (a line starting with '#'): notes `#define NAME(`; returns its end. */
static size_t directive(const char *t, size_t len, size_t p, void (*note)(void *, const char *), void *ctx)
{
	size_t q = p + 1;
	while (q < len && (t[q] == ' ' || t[q] == '\t'))
		q++;
	if (len - q > 6 && memcmp(t + q, "define", 6) == 0 && (t[q + 6] == ' ' || t[q + 6] == '\t')) {
		q += 6;
		while (q < len && (t[q] == ' ' || t[q] == '\t'))
			q++;
		size_t e = q;
		while (e < len && is_ident_char(t[e]))
			e++;
		if (e < len && t[e] == '(')
			note_name(t + q, e - q, note, ctx);
	}
	while (p < len && t[p] != '\n')
		p += t[p] == '\\' && p + 1 < len ? 2 : 1;
	return p;
}

void defscan(const char *text, size_t len, void (*note)(void *ctx, const char *name), void *ctx)
{
	int braces = 0, parens = 0;
	size_t cand = 0, cand_len = 0;	/* the last NAME( at file level */
	char last = ';';
	bool line_start = true;
	for (size_t p = 0; p < len;) {
		char c = text[p];
		if (c == '#' && line_start) {
			p = directive(text, len, p, note, ctx);
			continue;
		}
		size_t q = macros_skip_comment_or_literal(text, len, p);
		if (q != p) {
			p = q;
			continue;
		}
		if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
			line_start |= c == '\n';
			p++;
			continue;
		}
		line_start = false;
		if (is_ident_char(c)) {
			size_t e = p;
			while (e < len && is_ident_char(text[e]))
				e++;
			size_t k = e;
			while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n'))
				k++;
			if (braces == 0 && parens == 0 && k < len && text[k] == '(' && !(c >= '0' && c <= '9')) {
				cand = p;
				cand_len = e - p;
			}
			last = 'a';
			p = e;
			continue;
		}
		if (c == '{' && braces == 0 && last == ')' && cand_len)
			note_name(text + cand, cand_len, note, ctx);
		if ((c == ';' || c == '{' || c == '=') && braces == 0)
			cand_len = 0;
		braces += c == '{' ? 1 : c == '}' ? -1 : 0;
		parens += c == '(' ? 1 : c == ')' ? -1 : 0;
		braces = braces < 0 ? 0 : braces;
		parens = parens < 0 ? 0 : parens;
		last = c;
		p++;
	}
}

/* The attribute a directive's body puts first (`__attribute__((NAME(` after `#define M(...)`),
 * or -2. */
static int directive_attribute(const char *t, size_t q, size_t end)
{
	static const char attr[] = "__attribute__";
	for (size_t p = q; p + sizeof(attr) < end; p++) {
		if (memcmp(t + p, attr, sizeof(attr) - 1) != 0)
			continue;
		p += sizeof(attr) - 1;
		while (p < end && (t[p] == ' ' || t[p] == '\t' || t[p] == '(' || t[p] == '\\' || t[p] == '\n'))
			p++;
		size_t e = p;
		while (e < end && is_ident_char(t[e]))
			e++;
		return macros_attribute_kind(t + p, e - p);
	}
	return -2;
}

/* Calls fn on the body of each `#define` in t (q just past `define`, end at the end of the
 * directive with its continued lines). */
static void each_define(const char *t, size_t len, void (*fn)(const char *t, size_t q, size_t end, void *arg),
			void *arg)
{
	bool line_start = true;
	for (size_t p = 0; p < len; p++) {
		if (t[p] == '\n') {
			line_start = true;
			continue;
		}
		if (t[p] == ' ' || t[p] == '\t')
			continue;
		if (!line_start || t[p] != '#') {
			line_start = false;
			continue;
		}
		size_t end = p;
		while (end < len && t[end] != '\n')
			end += t[end] == '\\' && end + 1 < len ? 2 : 1;
		size_t q = p + 1;
		while (q < end && (t[q] == ' ' || t[q] == '\t'))
			q++;
		if (end - q > 7 && memcmp(t + q, "define", 6) == 0 && (t[q + 6] == ' ' || t[q + 6] == '\t'))
			fn(t, q + 6, end, arg);
		p = end - 1;
		line_start = false;
	}
}

struct attr_note {
	void (*note)(void *ctx, const char *name, int kind);
	void *ctx;
};

/* `#define NAME[(...)] __attribute__((ATTR...))`. */
static void attr_directive(const char *t, size_t q, size_t end, void *arg)
{
	const struct attr_note *an = arg;
	while (q < end && (t[q] == ' ' || t[q] == '\t'))
		q++;
	size_t e = q;
	while (e < end && is_ident_char(t[e]))
		e++;
	int kind = directive_attribute(t, e, end);	/* NAME(...) or, for one without arguments, NAME */
	char name[128];
	if (kind != -2 && e - q > 0 && e - q < sizeof(name)) {
		memcpy(name, t + q, e - q);
		name[e - q] = '\0';
		an->note(an->ctx, name, kind);
	}
}

void defscan_attr_macros(const char *t, size_t len, void (*note)(void *ctx, const char *name, int kind), void *ctx)
{
	struct attr_note an = {note, ctx};
	each_define(t, len, attr_directive, &an);
}

static size_t skip_blanks(const char *t, size_t p, size_t end)
{
	while (p < end && (t[p] == ' ' || t[p] == '\t' || (t[p] == '\\' && p + 1 < end && t[p + 1] == '\n') ||
			   (p > 0 && t[p] == '\n' && t[p - 1] == '\\')))
		p++;
	return p;
}

static size_t ident_end(const char *t, size_t p, size_t end)
{
	while (p < end && is_ident_char(t[p]))
		p++;
	return p;
}

/* `#define NAME(P, ...) OTHER(P, ...)` in the directive [q, end) (q just past `define`). */
struct rename_note {
	void (*note)(void *ctx, const char *name, const char *other);
	void *ctx;
};

static void rename_directive(const char *t, size_t q, size_t end, void *arg)
{
	const struct rename_note *rn = arg;
	size_t n0 = skip_blanks(t, q, end), n1 = ident_end(t, n0, end);
	if (n1 == n0 || n1 >= end || t[n1] != '(')
		return;
	size_t p0 = skip_blanks(t, n1 + 1, end), p1 = ident_end(t, p0, end);	/* first parameter */
	size_t close = p1;
	while (close < end && t[close] != ')')
		close++;
	size_t o0 = skip_blanks(t, close + 1, end), o1 = ident_end(t, o0, end);
	if (p1 == p0 || close >= end || o1 == o0 || o1 >= end || t[o1] != '(')
		return;
	size_t a0 = skip_blanks(t, o1 + 1, end), a1 = ident_end(t, a0, end);	/* its first argument */
	if (a1 - a0 != p1 - p0 || memcmp(t + a0, t + p0, p1 - p0) != 0)
		return;
	size_t b = a1;	/* the rest: to the call's closing parenthesis, then nothing */
	int depth = 1;
	for (; b < end && depth > 0; b++)
		depth += t[b] == '(' ? 1 : t[b] == ')' ? -1 : 0;
	if (depth != 0 || skip_blanks(t, b, end) < end)
		return;
	char name[128], other[128];
	if (n1 - n0 >= sizeof(name) || o1 - o0 >= sizeof(other))
		return;
	memcpy(name, t + n0, n1 - n0);
	name[n1 - n0] = '\0';
	memcpy(other, t + o0, o1 - o0);
	other[o1 - o0] = '\0';
	rn->note(rn->ctx, name, other);
}

void defscan_renames(const char *t, size_t len, void (*note)(void *ctx, const char *name, const char *other), void *ctx)
{
	struct rename_note rn = {note, ctx};
	each_define(t, len, rename_directive, &rn);
}

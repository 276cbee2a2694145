#include "json.h"
#include "util.h"

void json_init(struct json *j, FILE *out, int indent)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
	j->indent = indent;
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_len(const unsigned char *p)
{
	size_t n = p[0] < 0x80 ? 1 : (p[0] >> 5) == 6 ? 2 : (p[0] >> 4) == 14 ? 3 : (p[0] >> 3) == 30 ? 4 : 0;
	for (size_t k = 1; k < n; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* JSON must be UTF-8: bytes that are not (a Latin-1 file) become U+FFFD. */
static void escaped(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80) {
			size_t n = utf8_len(p);
			if (!n) {
				fputs("\\ufffd", out);
				continue;
			}
			fwrite(p, 1, n, out);
			p += n - 1;
		} else if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void member(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	if (j->indent && j->depth > 0)
		fprintf(j->out, "\n%*s", j->depth * j->indent, "");
	j->need_comma[j->depth] = true;
	if (key) {
		escaped(j->out, key);
		fputs(j->indent ? ": " : ":", j->out);
	}
}

static void open(struct json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->out);
	CHECK(j->depth + 1 < JSON_MAX_DEPTH);
	j->need_comma[++j->depth] = false;
}

static void close(struct json *j, char c)
{
	bool had = j->need_comma[j->depth];
	j->depth--;
	if (j->indent && had)
		fprintf(j->out, "\n%*s", j->depth * j->indent, "");
	fputc(c, j->out);
}

void json_object_begin(struct json *j, const char *key) { open(j, key, '{'); }
void json_object_end(struct json *j) { close(j, '}'); }
void json_array_begin(struct json *j, const char *key) { open(j, key, '['); }
void json_array_end(struct json *j) { close(j, ']'); }

void json_string(struct json *j, const char *key, const char *value)
{
	member(j, key);
	escaped(j->out, value ? value : "");
}

void json_int(struct json *j, const char *key, long long value)
{
	member(j, key);
	fprintf(j->out, "%lld", value);
}

void json_finish(struct json *j) { fputc('\n', j->out); }

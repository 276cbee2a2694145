/* lockapi: the selected built-in profiles plus config-file rows, behind one
 * hash table.  Lookups happen for every call expression of every file, so a
 * name costs one hash and a short probe; everything else is set-up time. */
#include "lockapi.h"
#include "arena.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct profile *const builtin_profiles[] = {
	&profile_linux, &profile_pthread, &profile_dpdk, &profile_zfs, &profile_postgres,
};

/* Open addressing, linear probing.  idx is the row's index + 1 (0 = empty):
 * indices survive the row vector growing, pointers would not. */
struct slot {
	uint32_t hash;
	uint32_t idx;
};

struct lockapi {
	VEC(struct lockprim) rows;	/* the effective rows: one per (name, namespace) */
	struct slot *slots;
	size_t cap;			/* power of two, or 0 before the first row */
	struct arena strings;		/* names and classes read from config files */
};

const char *lock_effect_name(enum lock_effect e)
{
	switch (e) {
	case LE_ACQUIRE:	return "acquire";
	case LE_RELEASE:	return "release";
	case LE_TRY:		return "try";
	case LE_DOWNGRADE:	return "downgrade";
	case LE_GUARD:		return "guard";
	case LE_NORETURN:	return "noreturn";
	case LE_ASSERT:		return "assert";
	case LE_QUERY:		return "query";
	case LE_SELF_TAG:	return "selftag";
	}
	return "?";
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ---- the table ---- */

/* Guard classes live in their own namespace: "mutex" the guard class and a
 * function called mutex() must not shadow each other.  The seed keeps them apart. */
static uint32_t name_hash(const char *name, bool guard)
{
	uint64_t h = hash_bytes(name, strlen(name), guard ? 0x9e3779b97f4a7c15ull : 0);
	return (uint32_t)(h ^ (h >> 32));
}

static bool row_is_guard(const struct lockprim *row)
{
	return row->effect == LE_GUARD;
}

/* The slot holding (name, guard), or the empty slot where it would go. */
static struct slot *find_slot(const struct lockapi *api, const char *name, bool guard, uint32_t hash)
{
	size_t mask = api->cap - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct slot *s = &api->slots[i];
		if (!s->idx)
			return s;
		const struct lockprim *row = &api->rows.v[s->idx - 1];
		if (s->hash == hash && row_is_guard(row) == guard && strcmp(row->name, name) == 0)
			return s;
	}
}

static void rehash(struct lockapi *api, size_t cap)
{
	free(api->slots);
	api->slots = xcalloc(cap, sizeof(*api->slots));
	api->cap = cap;
	for (size_t i = 0; i < api->rows.n; i++) {
		const struct lockprim *row = &api->rows.v[i];
		uint32_t hash = name_hash(row->name, row_is_guard(row));
		struct slot *s = find_slot(api, row->name, row_is_guard(row), hash);
		s->hash = hash;
		s->idx = (uint32_t)i + 1;
	}
}

/* A later row with the same name replaces the earlier one in place, which is
 * how config rows override built-in ones. */
static void add_row(struct lockapi *api, const struct lockprim *row)
{
	bool guard = row_is_guard(row);
	uint32_t hash = name_hash(row->name, guard);

	if (2 * (api->rows.n + 1) > api->cap)	/* keep the load at most 1/2 */
		rehash(api, api->cap ? 2 * api->cap : 256);
	struct slot *s = find_slot(api, row->name, guard, hash);
	if (s->idx) {
		api->rows.v[s->idx - 1] = *row;
		return;
	}
	CHECK(api->rows.n < UINT32_MAX);
	VEC_PUSH(&api->rows, *row);
	s->hash = hash;
	s->idx = (uint32_t)api->rows.n;
}

static const struct lockprim *lookup(const struct lockapi *api, const char *name, bool guard)
{
	if (!api->cap)
		return NULL;
	const struct slot *s = find_slot(api, name, guard, name_hash(name, guard));
	return s->idx ? &api->rows.v[s->idx - 1] : NULL;
}

bool lockapi_alias(struct lockapi *api, const char *name, const char *other)
{
	const struct lockprim *to = lockapi_call(api, other), *from = lockapi_call(api, name);
	if (!to || !from || to == from)
		return false;
	struct lockprim row = *to;
	row.name = from->name;	/* a string the table already owns */
	add_row(api, &row);
	return true;
}

const struct lockprim *lockapi_call(const struct lockapi *api, const char *name)
{
	const struct lockprim *row = lookup(api, name, false);
	return row && row->effect == LE_SELF_TAG ? NULL : row;
}

bool lockapi_self_tag(const struct lockapi *api, const char *name)
{
	const struct lockprim *row = lookup(api, name, false);
	return row && row->effect == LE_SELF_TAG;
}

const struct lockprim *lockapi_guard(const struct lockapi *api, const char *cls)
{
	return lookup(api, cls, true);
}

size_t lockapi_count(const struct lockapi *api)
{
	return api->rows.n;
}

const struct lockprim *lockapi_row(const struct lockapi *api, size_t i)
{
	return &api->rows.v[i];
}

/* ---- profile selection ---- */

static const struct profile *find_profile(const char *name, size_t len)
{
	for (size_t i = 0; i < countof(builtin_profiles); i++) {
		const struct profile *p = builtin_profiles[i];
		if (strlen(p->name) == len && memcmp(p->name, name, len) == 0)
			return p;
	}
	return NULL;
}

static void add_profile(struct lockapi *api, const struct profile *p)
{
	for (size_t i = 0; i < p->nrows; i++)
		add_row(api, &p->rows[i]);
}

static void unknown_profile(const char *name, size_t len, char *err, size_t errlen)
{
	struct strbuf known = { 0 };

	for (size_t i = 0; i < countof(builtin_profiles); i++)
		sb_printf(&known, "%s%s", i ? ", " : "", builtin_profiles[i]->name);
	set_err(err, errlen, "unknown profile '%.*s' (known: %s)", (int)len, name, sb_str(&known));
	sb_release(&known);
}

/* Adds the comma-separated profiles in order: where two define the same name,
 * the later one wins (the built-in ones agree wherever they overlap). */
static bool add_profiles(struct lockapi *api, const char *names, char *err, size_t errlen)
{
	const char *p = names;

	for (;;) {
		size_t len = strcspn(p, ",");
		const char *start = p, *end = p + len;
		while (start < end && (*start == ' ' || *start == '\t'))
			start++;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		const struct profile *prof = find_profile(start, (size_t)(end - start));
		if (!prof) {
			unknown_profile(start, (size_t)(end - start), err, errlen);
			return false;
		}
		add_profile(api, prof);
		if (!p[len])
			return true;
		p += len + 1;
	}
}

struct lockapi *lockapi_new(const char *names, char *err, size_t errlen)
{
	struct lockapi *api = xcalloc(1, sizeof(*api));

	if (!names) {
		for (size_t i = 0; i < countof(builtin_profiles); i++)
			add_profile(api, builtin_profiles[i]);
		return api;
	}
	if (!add_profiles(api, names, err, errlen)) {
		lockapi_free(api);
		return NULL;
	}
	return api;
}

void lockapi_free(struct lockapi *api)
{
	if (!api)
		return;
	VEC_FREE(&api->rows);
	free(api->slots);
	arena_release(&api->strings);
	free(api);
}

/* ---- config files (format: docs/config.md) ---- */

enum { MAX_FIELDS = 16 };

/* What each directive accepts after NAME [ARG]. */
enum {
	OPT_MODE = 1,
	OPT_CLASS = 2,
	OPT_NESTS = 4,
	OPT_SUCCESS = 8,
	OPT_OWNER = 16,
	OPT_FIELD = 32,
	OPT_ALSO = 64,
};

struct directive {
	const char *word;
	enum lock_effect effect;
	bool has_arg;
	unsigned opts;
};

static const struct directive directives[] = {
	{ "acquire",	LE_ACQUIRE,	true,	OPT_MODE | OPT_CLASS | OPT_NESTS | OPT_OWNER | OPT_FIELD },
	{ "release",	LE_RELEASE,	true,	OPT_MODE | OPT_CLASS | OPT_NESTS | OPT_OWNER | OPT_FIELD },
	{ "try",	LE_TRY,		true,	OPT_MODE | OPT_CLASS | OPT_NESTS | OPT_SUCCESS | OPT_OWNER | OPT_FIELD | OPT_ALSO },
	{ "downgrade",	LE_DOWNGRADE,	true,	OPT_CLASS },
	{ "guard",	LE_GUARD,	true,	OPT_MODE | OPT_CLASS | OPT_NESTS | OPT_SUCCESS },
	{ "noreturn",	LE_NORETURN,	false,	OPT_ALSO },
	{ "assert",	LE_ASSERT,	true,	OPT_SUCCESS },
	{ "query",	LE_QUERY,	true,	OPT_CLASS },
	{ "selftag",	LE_SELF_TAG,	false,	0 },
};

/* Suffixes stripped from a function name to get its default class, so that
 * foo_lock and foo_unlock (or rcu_read_lock and rcu_read_unlock) agree on a
 * key without a class=.  Longer ones first. */
static const char *const stem_suffixes[] = {
	"_read_unlock", "_write_unlock", "_read_lock", "_write_lock",
	"_tryenter", "_trylock", "_unlock", "_lock", "_enter", "_exit",
	"_disable", "_enable", "_restore", "_save", "_acquire", "_release",
};

struct parse_error {
	char msg[256];
};

static bool fail(struct parse_error *pe, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct parse_error *pe, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pe->msg, sizeof(pe->msg), fmt, ap);
	va_end(ap);
	return false;
}

static size_t stem_len(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < countof(stem_suffixes); i++) {
		size_t k = strlen(stem_suffixes[i]);
		if (n > k && has_suffix(name, stem_suffixes[i]))
			return n - k;
	}
	return n;
}

/* Splits a line in place at blanks; a '#' starts a comment. */
static int split_fields(char *line, char **fields, struct parse_error *pe)
{
	int n = 0;
	char *p = line;

	p[strcspn(p, "#")] = '\0';
	for (;;) {
		p += strspn(p, " \t\r\n\v\f");
		if (!*p)
			return n;
		if (n == MAX_FIELDS) {
			fail(pe, "too many fields (at most %d)", MAX_FIELDS);
			return -1;
		}
		fields[n++] = p;
		p += strcspn(p, " \t\r\n\v\f");
		if (*p)
			*p++ = '\0';
	}
}

static const struct directive *find_directive(const char *word)
{
	for (size_t i = 0; i < countof(directives); i++)
		if (strcmp(directives[i].word, word) == 0)
			return &directives[i];
	return NULL;
}

static bool parse_arg(const char *s, int8_t *arg, struct parse_error *pe)
{
	if (strcmp(s, "-") == 0) {
		*arg = LOCKPRIM_NO_ARG;
		return true;
	}
	char *end;
	errno = 0;
	long v = (s[0] >= '0' && s[0] <= '9') ? strtol(s, &end, 10) : -1;
	if (v < 0 || v > INT8_MAX || errno || *end)
		return fail(pe, "bad argument '%s': expected an index 0..%d or '-'", s, INT8_MAX);
	*arg = (int8_t)v;
	return true;
}

/* A constant's name, or (list) several joined by '|' (`ERROR|FATAL|PANIC`). */
static bool constant_list(const char *s, bool list)
{
	for (const char *p = s;;) {
		size_t n = 0;
		while (is_ident_char((unsigned char)p[n]))
			n++;
		if (!n || (p[0] >= '0' && p[0] <= '9'))
			return false;
		if (!p[n])
			return true;
		if (p[n] != '|' || !list)
			return false;
		p += n + 1;
	}
}

/* One option word; *seen collects the kinds given, so none is given twice. */
static bool parse_option(const char *opt, const struct directive *d, struct lockprim *row,
			 const char **cls, unsigned *seen, struct parse_error *pe)
{
	unsigned kind;

	if (!strcmp(opt, "shared") || !strcmp(opt, "exclusive") || !strcmp(opt, "any")) {
		kind = OPT_MODE;
		row->mode = !strcmp(opt, "shared") ? LM_SHARED : LM_EXCLUSIVE;
		row->flags |= !strcmp(opt, "any") ? LP_ANY_MODE : 0;
	} else if (!strcmp(opt, "nests")) {
		kind = OPT_NESTS;
		row->flags |= LP_NESTS;
	} else if (!strncmp(opt, "class=", 6)) {
		kind = OPT_CLASS;
		*cls = opt + 6;
		if (!is_identifier(*cls))
			return fail(pe, "bad class '%s': expected an identifier", *cls);
	} else if (!strncmp(opt, "owner=", 6)) {
		kind = OPT_OWNER;
		int8_t k;
		if (!parse_arg(opt + 6, &k, pe) || k == LOCKPRIM_NO_ARG || k >= INT8_MAX)
			return fail(pe, "bad owner '%s': expected an argument index", opt + 6);
		row->owner_arg = (uint8_t)(k + 1);
	} else if (!strncmp(opt, "also=", 5)) {
		kind = OPT_ALSO;
		row->also = opt + 5;
		if (!constant_list(row->also, d->effect == LE_NORETURN))
			return fail(pe, "bad also '%s': expected a constant's name%s", row->also,
				    d->effect == LE_NORETURN ? " (or names joined by '|')" : "");
	} else if (!strncmp(opt, "field=", 6)) {
		kind = OPT_FIELD;
		row->field = opt + 6;
		if (!is_identifier(row->field))
			return fail(pe, "bad field '%s': expected an identifier", row->field);
	} else if (!strcmp(opt, "success=zero") || !strcmp(opt, "success=nonzero")) {
		kind = OPT_SUCCESS;
		row->success = !strcmp(opt, "success=zero") ? TS_ZERO : TS_NONZERO;
	} else {
		return fail(pe, "unknown option '%s'", opt);
	}
	if (!(d->opts & kind))
		return fail(pe, "'%s' does not apply to %s", opt, d->word);
	if (*seen & kind)
		return fail(pe, "option '%s' conflicts with an earlier one", opt);
	*seen |= kind;
	return true;
}

/* Parses the fields of one non-empty line into *row (strings not yet copied). */
static bool parse_fields(char **f, int n, struct lockprim *row, const char **cls,
			 struct parse_error *pe)
{
	const struct directive *d = find_directive(f[0]);
	unsigned seen = 0;

	if (!d)
		return fail(pe, "unknown directive '%s' (expected acquire, release, try, "
			    "downgrade, guard, noreturn, assert, query or selftag)", f[0]);
	/* noreturn NAME ARG also=A|B: ends the path only when argument ARG is one of those */
	bool arg = d->has_arg || (d->effect == LE_NORETURN && n > 2);
	int need = arg ? 3 : 2;
	if (n < need)
		return fail(pe, "%s needs %s", d->word, d->has_arg ? "a NAME and an ARG" : "a NAME");
	if (!arg && n > need)
		return fail(pe, "%s takes only a NAME", d->word);
	if (!is_identifier(f[1]))
		return fail(pe, "bad name '%s': expected an identifier", f[1]);
	*row = (struct lockprim){ f[1], (uint8_t)d->effect, LOCKPRIM_NO_ARG, LM_EXCLUSIVE,
				  TS_ALWAYS, 0, NULL, 0, 0, NULL, NULL };
	*cls = NULL;
	if (arg && !parse_arg(f[2], &row->arg, pe))
		return false;
	for (int i = need; i < n; i++)
		if (!parse_option(f[i], d, row, cls, &seen, pe))
			return false;
	if (d->effect == LE_NORETURN && arg && (!row->also || row->arg == LOCKPRIM_NO_ARG))
		return fail(pe, "noreturn with an ARG needs also=CONST: the values that end the path");
	if ((d->effect == LE_TRY || d->effect == LE_ASSERT) && !(seen & OPT_SUCCESS))
		return fail(pe, "%s needs success=zero or success=nonzero", d->word);
	return true;
}

/* Copies the row's strings into the lockapi and fills in the default class:
 * a guard's class is its name, a function's is its name's stem, a noreturn has none. */
static void own_strings(struct lockapi *api, struct lockprim *row, const char *cls)
{
	row->name = arena_strdup(&api->strings, row->name);
	if (row->field)
		row->field = arena_strdup(&api->strings, row->field);
	if (row->also)
		row->also = arena_strdup(&api->strings, row->also);
	if (cls)
		row->cls = arena_strdup(&api->strings, cls);
	else if (row->effect == LE_NORETURN || row->effect == LE_ASSERT || row->effect == LE_SELF_TAG)
		row->cls = "";
	else if (row->effect == LE_GUARD)
		row->cls = row->name;
	else
		row->cls = arena_strndup(&api->strings, row->name, stem_len(row->name));
}

/* Parses one line; false with pe set on error.  Blank and comment-only lines
 * leave *got false. */
static bool parse_line(struct lockapi *api, char *line, struct lockprim *row, bool *got,
		       struct parse_error *pe)
{
	char *fields[MAX_FIELDS];
	const char *cls = NULL;
	int n = split_fields(line, fields, pe);

	*got = false;
	if (n <= 0)
		return n == 0;
	if (!parse_fields(fields, n, row, &cls, pe))
		return false;
	own_strings(api, row, cls);
	*got = true;
	return true;
}

/* All or nothing: rows are added only once the whole file has parsed. */
bool lockapi_load_config(struct lockapi *api, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	VEC(struct lockprim) rows = { 0 };
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	bool ok = true;

	if (!f) {
		set_err(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return false;
	}
	while (ok && getline(&line, &cap, f) != -1) {
		struct parse_error pe;
		struct lockprim row = {0};
		bool got;
		lineno++;
		ok = parse_line(api, line, &row, &got, &pe);
		if (!ok)
			set_err(err, errlen, "%s:%u: %s", path, lineno, pe.msg);
		else if (got)
			VEC_PUSH(&rows, row);
	}
	if (ok && ferror(f)) {
		set_err(err, errlen, "%s: read error: %s", path, strerror(errno));
		ok = false;
	}
	for (size_t i = 0; ok && i < rows.n; i++)
		add_row(api, &rows.v[i]);
	free(line);
	VEC_FREE(&rows);
	fclose(f);
	return ok;
}

/* ---- --dump=primitives ---- */

static int cmp_rows(const void *a, const void *b)
{
	const struct lockprim *x = *(const struct lockprim *const *)a;
	const struct lockprim *y = *(const struct lockprim *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (int)row_is_guard(x) - (int)row_is_guard(y);
}

static const char *mode_name(const struct lockprim *row)
{
	if (row->flags & LP_ANY_MODE)
		return "any";
	return row->mode == LM_SHARED ? "shared" : "exclusive";
}

static void dump_row(const struct lockprim *row, FILE *out)
{
	if (row->effect == LE_NORETURN && row->also && row->arg != LOCKPRIM_NO_ARG) {
		fprintf(out, "%s noreturn arg=%d when=%s\n", row->name, row->arg, row->also);
		return;
	}
	if (row->effect == LE_NORETURN || row->effect == LE_SELF_TAG) {
		fprintf(out, "%s %s\n", row->name, lock_effect_name((enum lock_effect)row->effect));
		return;
	}
	if (row->effect == LE_ASSERT) {
		fprintf(out, "%s assert arg=%d returns-when=%s\n", row->name, row->arg,
			row->success == TS_ZERO ? "zero" : "nonzero");
		return;
	}
	if (row_is_guard(row))
		fprintf(out, "guard %s", row->name);
	else
		fprintf(out, "%s %s", row->name, lock_effect_name((enum lock_effect)row->effect));
	if (row->arg == LOCKPRIM_NO_ARG)
		fprintf(out, " arg=-");
	else
		fprintf(out, " arg=%d", row->arg);
	fprintf(out, " %s", mode_name(row));
	if (row->success != TS_ALWAYS)
		fprintf(out, " success=%s", row->success == TS_ZERO ? "zero" : "nonzero");
	if (row->owner_arg)
		fprintf(out, " owner=%d", row->owner_arg - 1);
	if (row->field)
		fprintf(out, " field=%s", row->field);
	if (row->also)
		fprintf(out, " also=%s", row->also);
	fprintf(out, " class=%s%s\n", row->cls, (row->flags & LP_NESTS) ? " nests" : "");
}

void lockapi_dump(const struct lockapi *api, FILE *out)
{
	const struct lockprim **sorted = xmalloc(api->rows.n * sizeof(*sorted));

	for (size_t i = 0; i < api->rows.n; i++)
		sorted[i] = &api->rows.v[i];
	qsort(sorted, api->rows.n, sizeof(*sorted), cmp_rows);
	for (size_t i = 0; i < api->rows.n; i++)
		dump_row(sorted[i], out);
	free(sorted);
}

#include "cfg.h"
#include "util.h"

#include <string.h>

/* Interned strings: an open-addressing table in the function's arena. */
struct strtab {
	const char **slot;
	uint32_t cap, n;
};

struct cfg *cfg_new(struct arena *a)
{
	struct cfg *c = ARENA_NEW(a, struct cfg);
	c->arena = a;
	c->strings = ARENA_NEW(a, struct strtab);
	c->strings->cap = 64;
	c->strings->slot = ARENA_ARRAY(a, const char *, 64);
	return c;
}

uint32_t cfg_block_new(struct cfg *c)
{
	if (c->nblocks == c->cap) {
		uint32_t cap = c->cap ? 2 * c->cap : 16;
		struct block **b = ARENA_ARRAY(c->arena, struct block *, cap);
		if (c->nblocks)
			memcpy(b, c->blocks, c->nblocks * sizeof(*b));
		c->blocks = b;
		c->cap = cap;
	}
	struct block *b = ARENA_NEW(c->arena, struct block);
	b->id = c->nblocks;
	b->term = T_GOTO;
	c->blocks[c->nblocks] = b;
	return c->nblocks++;
}

struct event *cfg_event_add(struct cfg *c, uint32_t block)
{
	struct block *b = c->blocks[block];
	if (b->nevents == b->cap) {
		uint32_t cap = b->cap ? 2 * b->cap : 4;
		struct event *e = ARENA_ARRAY(c->arena, struct event, cap);
		if (b->nevents)
			memcpy(e, b->events, b->nevents * sizeof(*e));
		b->events = e;
		b->cap = cap;
	}
	return &b->events[b->nevents++];
}

void cfg_set_succ(struct cfg *c, uint32_t block, const uint32_t *succ, uint32_t n)
{
	struct block *b = c->blocks[block];
	b->succ = arena_memdup(c->arena, succ, n * sizeof(*succ));
	b->nsucc = n;
}

static void strtab_grow(struct cfg *c)
{
	struct strtab *t = c->strings;
	uint32_t cap = t->cap * 2;
	const char **slot = ARENA_ARRAY(c->arena, const char *, cap);
	for (uint32_t i = 0; i < t->cap; i++) {
		const char *s = t->slot[i];
		if (!s)
			continue;
		uint32_t h = (uint32_t)hash_bytes(s, strlen(s), 0) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = s;
	}
	t->slot = slot;
	t->cap = cap;
}

const char *cfg_intern(struct cfg *c, const char *s, size_t n)
{
	struct strtab *t = c->strings;
	if (2 * (t->n + 1) > t->cap)
		strtab_grow(c);
	uint32_t h = (uint32_t)hash_bytes(s, n, 0) & (t->cap - 1);
	for (;; h = (h + 1) & (t->cap - 1)) {
		const char *e = t->slot[h];
		if (!e)
			break;
		if (strncmp(e, s, n) == 0 && e[n] == '\0')
			return e;
	}
	t->slot[h] = arena_strndup(c->arena, s, n);
	t->n++;
	return t->slot[h];
}

size_t cfg_key_root(const char *key, const char **start)
{
	const char *p = key;
	while (*p) {
		if (!is_ident_char((unsigned char)*p) || (*p >= '0' && *p <= '9')) {
			p++;
			continue;
		}
		const char *e = p;
		while (is_ident_char((unsigned char)*e))
			e++;
		if (*e != '(') {	/* a function name is not a root: d_inode(dentry) hangs from dentry */
			*start = p;
			return (size_t)(e - p);
		}
		p = e;
	}
	return 0;
}

size_t cfg_key_tail(const char *key, const char **start)
{
	size_t n = strlen(key);
	if (n && key[n - 1] == '}') {
		const char *b = strrchr(key, '{');
		*start = b;
		return b ? (size_t)(key + n - b) : 0;
	}
	const char *e = key + n, *p = e;
	while (p > key && is_ident_char((unsigned char)p[-1]))
		p--;
	bool field = p > key && (p[-1] == '.' || (p[-1] == '>' && p - 1 > key && p[-2] == '-'));
	*start = p;
	return field && p < e ? (size_t)(e - p) : 0;
}

static int param_index(const struct cfg *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i], name) == 0)
			return (int)i;
	return -1;
}

int cfg_stored_through(const struct cfg *c, const char *target)
{
	if (target[0] == '*')
		return param_index(c, target + 1);
	const char *arrow = strstr(target, "->");
	if (!arrow || arrow == target)
		return -1;
	for (const char *p = target; p < arrow; p++)
		if (!is_ident_char((unsigned char)*p))
			return -1;
	for (size_t i = 0; i < c->nparams; i++)
		if (strlen(c->params[i]) == (size_t)(arrow - target) && strncmp(c->params[i], target, (size_t)(arrow - target)) == 0)
			return (int)i;
	return -1;
}

bool cfg_may_return(const struct cfg *c)
{
	if (!c->nblocks)
		return true;
	bool *seen = xcalloc(c->nblocks, sizeof(*seen));
	uint32_t *todo = xcalloc(c->nblocks, sizeof(*todo)), n = 0;
	bool found = false;
	todo[n++] = 0;
	seen[0] = true;
	while (n && !found) {
		const struct block *b = c->blocks[todo[--n]];
		found = b->term == T_RETURN;
		for (uint32_t k = 0; k < b->nsucc; k++)
			if (!seen[b->succ[k]]) {
				seen[b->succ[k]] = true;
				todo[n++] = b->succ[k];
			}
	}
	free(seen);
	free(todo);
	return found;
}

bool cfg_out_flag(const struct cfg *c, const char *key)
{
	if (cfg_stored_through(c, key) < 0)
		return false;
	bool stored = false;
	for (uint32_t b = 0; b < c->nblocks; b++) {
		const struct block *bl = c->blocks[b];
		if (bl->term == T_BRANCH && bl->test.key && strstr(bl->test.key, key))
			return false;
		for (uint32_t i = 0; i < bl->nevents; i++) {
			const struct event *e = &bl->events[i];
			if (e->kind == EV_ASSIGN && !e->by_address && e->key == key) {
				if (!e->flags)
					return false;
				stored = true;
			}
		}
	}
	return stored;
}

int cfg_out_param(struct cfg *c, const char *key, bool *whole, size_t *root_len, const char **target)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (uint32_t b = 0; b < c->nblocks; b++)
		for (uint32_t i = 0; i < c->blocks[b]->nevents; i++) {
			const struct event *e = &c->blocks[b]->events[i];
			int k;
			if (e->kind != EV_ASSIGN || e->by_address || !e->prim || (k = cfg_stored_through(c, e->key)) < 0)
				continue;
			*target = e->key;
			const char *v = e->prim, *path = cfg_resolve_alias(c, v);
			*whole = strcmp(key, v) == 0 || path == key;
			if (*whole)
				return k;
			size_t vn = strlen(v), pn = strlen(path);
			if (n == vn && root == key && strncmp(root, v, vn) == 0 && (key[n] == '-' || key[n] == '.')) {
				*root_len = n;
				return k;
			}
			if (path != v && strncmp(key, path, pn) == 0 && (key[pn] == '-' || key[pn] == '.')) {
				*root_len = pn;	/* l = lookup(blk) stands for the call: the key names it */
				return k;
			}
		}
	return -1;
}

bool cfg_param_flag(const struct cfg *c, const char *test_key)
{
	size_t n = 0;
	while (is_ident_char((unsigned char)test_key[n]))
		n++;
	bool named = false;
	for (size_t i = 0; i < c->nparams && !named; i++)
		named = n && strlen(c->params[i]) == n && strncmp(c->params[i], test_key, n) == 0;
	if (!named)
		return false;
	const char *r = test_key + n;
	if (!*r)
		return true;
	if (r[0] == '&' && r[1] && r[1] != '&')	/* a bit of a flags word: `flag&ZHAVELOCK` */
		r += 1;
	else if ((r[0] == '=' || r[0] == '!') && r[1] == '=' && r[2])
		r += 2;
	else
		return false;
	for (; *r; r++)
		if (!((*r >= 'A' && *r <= 'Z') || (*r >= '0' && *r <= '9') || *r == '_'))
			return false;
	return true;
}

bool cfg_helper_sized(const struct cfg *c, const char *test_key)
{
	return c->nblocks <= CFG_HELPER_BLOCKS || (c->nblocks <= CFG_FLAG_HELPER_BLOCKS && param_index(c, test_key) >= 0);
}

bool cfg_key_is_local(const struct cfg *c, const char *key)
{
	const char *root;
	size_t n = cfg_key_root(key, &root);
	for (size_t i = 0; n && i < c->nlocals; i++)
		if (strncmp(c->locals[i], root, n) == 0 && c->locals[i][n] == '\0')
			return true;
	return false;
}

const char *cfg_resolve_alias(struct cfg *c, const char *key)
{
	for (size_t i = 0; i < c->naliases; i++)
		if (c->aliases[i].name == key)
			return c->aliases[i].key;
	const char *root;
	size_t n = cfg_key_root(key, &root);
	if (!n || root != key || !(key[n] == '[' || (key[n] == '-' && key[n + 1] == '>')))
		return key;
	for (size_t i = 0; i < c->naliases; i++) {
		const struct alias *a = &c->aliases[i];
		if (a->address || strlen(a->name) != n || strncmp(a->name, key, n) != 0)
			continue;
		char *full = arena_printf(c->arena, "%s%s", a->key, key + n);
		return cfg_intern(c, full, strlen(full));
	}
	return key;
}

const char *cfg_resolve_aliases_in(struct cfg *c, const char *key)
{
	if (!c->naliases)
		return key;
	struct strbuf sb = {0};
	for (const char *p = key; *p;) {
		if (!is_ident_char((unsigned char)*p) || (*p >= '0' && *p <= '9') ||
		    (p > key && (p[-1] == '.' || p[-1] == '>'))) {
			sb_putc(&sb, *p++);
			continue;
		}
		const char *e = p;
		while (is_ident_char((unsigned char)*e))
			e++;
		size_t n = (size_t)(e - p), i;
		for (i = 0; i < c->naliases; i++)
			if (!c->aliases[i].address && strlen(c->aliases[i].name) == n && strncmp(c->aliases[i].name, p, n) == 0)
				break;
		if (i < c->naliases && *e != '(')
			sb_puts(&sb, c->aliases[i].key);
		else
			sb_add(&sb, p, n);
		p = e;
	}
	const char *out = cfg_intern(c, sb_str(&sb), sb.len);
	sb_release(&sb);
	return out;
}

static const char *const effect_names[] = {
	[LE_ACQUIRE] = "acquire", [LE_RELEASE] = "release", [LE_TRY] = "try",
	[LE_DOWNGRADE] = "downgrade", [LE_GUARD] = "guard", [LE_NORETURN] = "noreturn",
	[LE_QUERY] = "query", [LE_ASSERT] = "assert", [LE_SELF_TAG] = "selftag",
};

static void dump_bits(uint8_t bits, FILE *out)
{
	static const char *const names[] = {"zero", "neg", "pos", "errptr", "ptr"};
	if (bits == VB_ANY) {
		fputs("any", out);
		return;
	}
	const char *sep = "";
	for (int i = 0; i < 5; i++)
		if (bits & (1 << i)) {
			fprintf(out, "%s%s", sep, names[i]);
			sep = "|";
		}
}

static void dump_event(const struct event *e, FILE *out)
{
	fprintf(out, "    %u:%u ", e->loc.line, e->loc.col);
	switch (e->kind) {
	case EV_LOCK:
		fprintf(out, "lock %s %s '%s'%s%s", effect_names[e->effect],
			e->mode == LM_SHARED ? "shared" : "exclusive", e->key,
			e->scope_exit ? " scope-exit" : "", e->result ? " -> " : "");
		if (e->result)
			fputs(e->result, out);
		break;
	case EV_CALL:
		fprintf(out, "call %s%s%s", e->key, e->result ? " -> " : "", e->result ? e->result : "");
		break;
	case EV_ASSIGN:
		fprintf(out, "assign %s%s", e->by_address ? "&" : "", e->key);
		if (e->flags) {
			fputs(" = ", out);
			dump_bits(e->flags, out);
		}
		break;
	case EV_BREAK:
		fputs("break", out);
		break;
	}
	fputc('\n', out);
}

static void dump_term(const struct block *b, FILE *out)
{
	static const char *const tests[] = {"unknown", "truth", "neg", "eq1"};
	switch (b->term) {
	case T_GOTO:
		fprintf(out, "    goto B%u\n", b->succ[0]);
		break;
	case T_BRANCH:
		fprintf(out, "    if %s(%s) B%u else B%u\n", tests[b->test.kind],
			b->test.key ? b->test.key : "", b->succ[0], b->succ[1]);
		break;
	case T_SWITCH:
		fputs("    switch", out);
		for (uint32_t i = 0; i < b->nsucc; i++)
			fprintf(out, " B%u", b->succ[i]);
		fputc('\n', out);
		break;
	case T_RETURN:
		fprintf(out, "    return%s ", b->ret.implicit ? " (implicit)" : "");
		if (b->ret.var)
			fprintf(out, "%s ", b->ret.var);
		dump_bits(b->ret.bits, out);
		fputc('\n', out);
		break;
	case T_STOP:
		fputs("    stop\n", out);
		break;
	}
}

void cfg_dump(const struct cfg *c, FILE *out)
{
	fprintf(out, "function %s%s%s\n", c->name, c->has_error ? " (syntax errors)" : "",
		c->too_deep ? " (too deep)" : "");
	for (uint32_t i = 0; i < c->nblocks; i++) {
		const struct block *b = c->blocks[i];
		fprintf(out, "  B%u:\n", b->id);
		for (uint32_t k = 0; k < b->nevents; k++)
			dump_event(&b->events[k], out);
		dump_term(b, out);
	}
}

int cfg_tag_owner(const struct cfg *c, const char *key)
{
	for (size_t i = 0; i < c->nparams && i < 32; i++)
		if ((c->opaque_params >> i & 1) && strcmp(c->params[i], key) == 0)
			return (int)i + 1;
	for (size_t i = 0; i < c->nopaque_locals; i++) {
		if (strcmp(c->opaque_locals[i], key) == 0)
			return 0;	/* a tag loaded from elsewhere: checked as the function's */
		for (size_t k = 0; k < c->naliases; k++)	/* call arguments name what it stands for */
			if (c->aliases[k].name == c->opaque_locals[i] && strcmp(c->aliases[k].key, key) == 0)
				return 0;
	}
	return -1;
}

/* Marks with bit, in seen[], the blocks reachable from `from` without passing `stop`
 * (stop itself is marked when reached): along successors, or along the predecessor
 * lists preds[pstart[x] .. pstart[x + 1]) when preds is given. */
static void reach(const struct cfg *c, uint32_t from, uint32_t stop, uint8_t *seen, uint8_t bit,
		  const uint32_t *pstart, const uint32_t *preds)
{
	VEC(uint32_t) todo = {0};
	VEC_PUSH(&todo, from);
	while (todo.n) {
		uint32_t x = todo.v[--todo.n];
		if (x >= c->nblocks || (seen[x] & bit))
			continue;
		seen[x] |= bit;
		if (x == stop)
			continue;
		uint32_t k0 = preds ? pstart[x] : 0, k1 = preds ? pstart[x + 1] : c->blocks[x]->nsucc;
		for (uint32_t k = k0; k < k1; k++) {
			uint32_t y = preds ? preds[k] : c->blocks[x]->succ[k];
			if (y < c->nblocks && !(seen[y] & bit))
				VEC_PUSH(&todo, y);
		}
	}
	VEC_FREE(&todo);
}

/* Whether block b tests the value of the call it ends with (`while ((bpi =
 * list_remove_head(&stack)) != NULL)`). */
static bool tests_own_call(const struct block *b)
{
	const struct event *last = b->nevents ? &b->events[b->nevents - 1] : NULL;
	return b->term == T_BRANCH && b->test.kind == TEST_TRUTH && b->nsucc == 2 && last &&
	       last->kind == EV_CALL && last->result && last->result == b->test.key;
}

/* Whether the loop body (blocks marked 3 in seen) takes key itself. */
static bool body_takes(const struct cfg *c, const uint8_t *seen, const char *key)
{
	for (uint32_t x = 0; x < c->nblocks; x++)
		for (uint32_t i = 0; seen[x] == 3 && i < c->blocks[x]->nevents; i++) {
			const struct event *e = &c->blocks[x]->events[i];
			if (e->kind == EV_LOCK && e->effect != LE_RELEASE && e->key == key)
				return true;
		}
	return false;
}

/* A release in the loop body (blocks marked 3 in seen) named through the cursor: the
 * cursor itself (`mutex_exit(&bpi->lock)`) or a variable loaded off it (`bpo =
 * bpi->bpi_bpo; mutex_exit(&bpo->bpo_lock)`), of a lock the body does not take (a body
 * that locks and unlocks each entry drains nothing). */
static const struct event *cursor_release(const struct cfg *c, const uint8_t *seen, const char *cursor)
{
	for (uint32_t x = 0; x < c->nblocks; x++) {
		if (seen[x] != 3)
			continue;
		for (uint32_t i = 0; i < c->blocks[x]->nevents; i++) {
			const struct event *e = &c->blocks[x]->events[i];
			const char *root;
			size_t rn = e->kind == EV_LOCK && e->effect == LE_RELEASE ? cfg_key_root(e->key, &root) : 0;
			if (!rn || root[rn] == '\0' || body_takes(c, seen, e->key))
				continue;
			if (strlen(cursor) == rn && strncmp(root, cursor, rn) == 0)
				return e;
			for (uint32_t y = 0; y < c->nblocks; y++)
				for (uint32_t k = 0; k < c->blocks[y]->nevents; k++) {
					const struct event *a = &c->blocks[y]->events[k];
					if (seen[y] == 3 && a->kind == EV_ASSIGN && a->source == cursor &&
					    strlen(a->key) == rn && strncmp(a->key, root, rn) == 0)
						return e;
				}
		}
	}
	return NULL;
}

const struct event **cfg_drain_loops(const struct cfg *c)
{
	const struct event **out = NULL;
	uint32_t *pstart = NULL, *preds = NULL;
	uint8_t *seen = NULL;
	for (uint32_t b = 0; b < c->nblocks; b++) {
		if (!tests_own_call(c->blocks[b]))
			continue;
		if (!pstart) {	/* predecessor lists, once per function that has such a test */
			pstart = xcalloc(c->nblocks + 1, sizeof(*pstart));
			for (uint32_t x = 0; x < c->nblocks; x++)
				for (uint32_t k = 0; k < c->blocks[x]->nsucc; k++)
					if (c->blocks[x]->succ[k] < c->nblocks)
						pstart[c->blocks[x]->succ[k] + 1]++;
			for (uint32_t x = 0; x < c->nblocks; x++)
				pstart[x + 1] += pstart[x];
			preds = xmalloc((pstart[c->nblocks] + 1) * sizeof(*preds));
			uint32_t *fill = xmalloc((c->nblocks + 1) * sizeof(*fill));
			memcpy(fill, pstart, (c->nblocks + 1) * sizeof(*fill));
			for (uint32_t x = 0; x < c->nblocks; x++)
				for (uint32_t k = 0; k < c->blocks[x]->nsucc; k++)
					if (c->blocks[x]->succ[k] < c->nblocks)
						preds[fill[c->blocks[x]->succ[k]]++] = x;
			free(fill);
			seen = xmalloc(c->nblocks);
			out = ARENA_ARRAY(c->arena, const struct event *, c->nblocks);
			memset(out, 0, c->nblocks * sizeof(*out));
		}
		/* The body: reached from the taken side without passing the test, and reaching it. */
		memset(seen, 0, c->nblocks);
		reach(c, c->blocks[b]->succ[0], b, seen, 1, NULL, NULL);
		if (!(seen[b] & 1))
			continue;	/* not a loop's test */
		for (uint32_t k = pstart[b]; k < pstart[b + 1]; k++)
			if (seen[preds[k]] & 1)
				reach(c, preds[k], b, seen, 2, pstart, preds);
		seen[b] = 0;
		out[b] = cursor_release(c, seen, c->blocks[b]->test.key);
	}
	free(pstart);
	free(preds);
	free(seen);
	return out;
}

#include "parse.h"
#include "macros.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const TSLanguage *tree_sitter_c(void);

static const char *const node_kind_names[NK_COUNT] = {
	[NK_OTHER] = "",
#define X(name) [NK_##name] = #name,
	NODE_KINDS(X)
#undef X
};

static const char *const field_names[F_COUNT] = {
#define X(name) [F_##name] = #name,
	FIELD_NAMES(X)
#undef X
};

static void grammar_init(struct grammar *g)
{
	g->lang = tree_sitter_c();
	g->symbol_count = ts_language_symbol_count(g->lang);
	g->kind_of_symbol = xcalloc(g->symbol_count, 1);
	for (uint32_t s = 0; s < g->symbol_count; s++) {
		const char *name = ts_language_symbol_name(g->lang, (TSSymbol)s);
		for (int k = 1; name && k < NK_COUNT; k++)
			if (strcmp(name, node_kind_names[k]) == 0)
				g->kind_of_symbol[s] = (uint8_t)k;
	}
	for (int f = 0; f < F_COUNT; f++)
		g->field[f] = ts_language_field_id_for_name(g->lang, field_names[f], (uint32_t)strlen(field_names[f]));
}

void parser_init(struct parser *p)
{
	p->ts = ts_parser_new();
	grammar_init(&p->g);
	if (!ts_parser_set_language(p->ts, p->g.lang))
		die("tree-sitter runtime and C grammar versions do not match");
}

void parser_release(struct parser *p)
{
	ts_parser_delete(p->ts);
	free(p->g.kind_of_symbol);
}

struct deadline {
	struct timespec start;
};

static bool past_deadline(TSParseState *st)
{
	const struct deadline *d = st->payload;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - d->start.tv_sec) * 1000 + (now.tv_nsec - d->start.tv_nsec) / 1000000;
	return ms > PARSE_DEADLINE_MS;
}

typedef VEC(TSNode) node_vec;

/* Function definitions sit at top level, inside #if blocks, or inside ERROR nodes; an
 * explicit stack keeps 10,000 nested #ifs from overflowing ours. */
static void collect_functions(const struct grammar *g, TSNode root, node_vec *out)
{
	node_vec stack = {0};
	VEC_PUSH(&stack, root);
	while (stack.n) {
		TSNode n = stack.v[--stack.n];
		enum node_kind k = node_kind(g, n);
		if (k == NK_function_definition) {
			VEC_PUSH(out, n);
			continue;
		}
		if (k != NK_translation_unit && k != NK_preproc_if && k != NK_preproc_ifdef &&
		    k != NK_preproc_else && k != NK_preproc_elif && k != NK_preproc_elifdef &&
		    k != NK_ERROR && k != NK_OTHER)
			continue;
		/* Children pushed in reverse so they pop in file order. */
		size_t base = stack.n;
		TSTreeCursor c = ts_tree_cursor_new(n);
		if (ts_tree_cursor_goto_first_child(&c)) {
			do {
				TSNode ch = ts_tree_cursor_current_node(&c);
				if (ts_node_is_named(ch))
					VEC_PUSH(&stack, ch);
			} while (ts_tree_cursor_goto_next_sibling(&c));
		}
		ts_tree_cursor_delete(&c);
		for (size_t i = base, j = stack.n; i + 1 < j; i++, j--) {
			TSNode t = stack.v[i];
			stack.v[i] = stack.v[j - 1];
			stack.v[j - 1] = t;
		}
	}
	VEC_FREE(&stack);
}

struct string_input {
	const char *text;
	uint32_t len;
};

static const char *read_string(void *payload, uint32_t byte, TSPoint pos, uint32_t *nread)
{
	(void)pos;
	const struct string_input *in = payload;
	if (byte >= in->len) {
		*nread = 0;
		return "";
	}
	*nread = in->len - byte;
	return in->text + byte;
}

/* Names written as calls anywhere in the text: the naming heuristic asks whether a file
 * calls x_unlock, for every x_lock it sees, and a set answers that at once. */
static void note_calls(struct parsed_file *pf, size_t len)
{
	const char *t = pf->text;
	char name[128];
	for (size_t i = 0; i < len;) {
		if (!is_ident_char((unsigned char)t[i]) || (t[i] >= '0' && t[i] <= '9')) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < len && is_ident_char((unsigned char)t[e]))
			e++;
		size_t k = e;
		while (k < len && (t[k] == ' ' || t[k] == '\t'))
			k++;
		if (k < len && t[k] == '(' && e - i < sizeof(name)) {
			memcpy(name, t + i, e - i);
			name[e - i] = '\0';
			strset_add(&pf->calls, name);
		}
		i = e;
	}
}

/* For each annotation inside a declaration (`static void f(struct r *r) __releases(r->l);`),
 * the name of the function it declares: its definition, later in the file, is held to it. */
static void name_declared_functions(const struct parser *p, struct parsed_file *pf)
{
	if (!pf->annotations.n)
		return;
	pf->annotated_fn = xcalloc(pf->annotations.n, sizeof(*pf->annotated_fn));
	TSNode root = ts_tree_root_node(pf->tree);
	for (size_t i = 0; i < pf->annotations.n; i++) {
		uint32_t at = pf->annotations.v[i].offset;
		TSNode n = ts_node_descendant_for_byte_range(root, at, at);
		for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++, n = ts_node_parent(n)) {
			enum node_kind k = node_kind(&p->g, n);
			if (k == NK_function_definition || k == NK_translation_unit)
				break;
			if (k == NK_declaration) {
				char name[256];
				const char *fn = parse_function_name(&p->g, pf->text, n, name, sizeof(name));
				pf->annotated_fn[i] = fn && fn[0] ? xstrdup(fn) : NULL;
				break;
			}
		}
	}
}

bool parse_file(struct parser *p, const struct source *src, struct parsed_file *pf)
{
	memset(pf, 0, sizeof(*pf));
	pf->src = src;
	pf->text = xmalloc(src->len + 1);
	memcpy(pf->text, src->text, src->len + 1);
	macros_rewrite(pf->text, src->len, &pf->annotations, p->learnt);
	note_calls(pf, src->len);

	struct deadline d;
	clock_gettime(CLOCK_MONOTONIC, &d.start);
	struct string_input in = {pf->text, (uint32_t)src->len};
	TSInput input = {.payload = &in, .read = read_string, .encoding = TSInputEncodingUTF8};
	TSParseOptions opts = {.payload = &d, .progress_callback = past_deadline};
	ts_parser_reset(p->ts);
	pf->tree = ts_parser_parse_with_options(p->ts, NULL, input, opts);
	if (!pf->tree) {
		pf->cancelled = true;
		return false;
	}
	name_declared_functions(p, pf);
	node_vec fns = {0};
	collect_functions(&p->g, ts_tree_root_node(pf->tree), &fns);
	pf->functions = fns.v;
	pf->nfunctions = fns.n;
	for (size_t i = 0; i < fns.n; i++) {
		if (!ts_node_has_error(fns.v[i]))
			continue;
		pf->nfunctions_with_errors++;
		pf->nfunctions_not_analysed += parse_has_serious_error(&p->g, pf->text, fns.v[i]);
	}
	return true;
}

static bool contains_semicolon(const char *text, TSNode n)
{
	return memchr(text + ts_node_start_byte(n), ';', ts_node_end_byte(n) - ts_node_start_byte(n)) != NULL;
}

bool parse_has_serious_error(const struct grammar *g, const char *text, TSNode fn)
{
	node_vec stack = {0};
	bool serious = false;
	VEC_PUSH(&stack, fn);
	while (stack.n && !serious) {
		TSNode n = stack.v[--stack.n];
		if (ts_node_is_error(n) || ts_node_is_missing(n)) {
			serious = true;
			break;
		}
		if (!ts_node_has_error(n))
			continue;
		if (node_kind(g, n) == NK_argument_list && !contains_semicolon(text, n))
			continue;	/* contained: the statements around it are intact */
		TSTreeCursor c = ts_tree_cursor_new(n);
		if (ts_tree_cursor_goto_first_child(&c)) {
			do
				VEC_PUSH(&stack, ts_tree_cursor_current_node(&c));
			while (ts_tree_cursor_goto_next_sibling(&c));
		}
		ts_tree_cursor_delete(&c);
	}
	VEC_FREE(&stack);
	return serious;
}

const char *parse_function_name(const struct grammar *g, const char *text, TSNode fn, char *buf, size_t buflen)
{
	TSNode d = node_field(g, fn, F_declarator);
	for (int guard = 0; !ts_node_is_null(d) && guard < 64; guard++) {
		enum node_kind k = node_kind(g, d);
		if (k == NK_identifier) {
			uint32_t a = ts_node_start_byte(d), b = ts_node_end_byte(d);
			size_t n = b - a < buflen - 1 ? b - a : buflen - 1;
			memcpy(buf, text + a, n);
			buf[n] = '\0';
			return buf;
		}
		TSNode next = node_field(g, d, F_declarator);
		if (ts_node_is_null(next) && ts_node_named_child_count(d) > 0)
			next = ts_node_named_child(d, 0);
		d = next;
	}
	buf[0] = '\0';
	return buf;
}

TSNode *parse_children(TSNode n, uint32_t *count)
{
	node_vec v = {0};
	TSTreeCursor c = ts_tree_cursor_new(n);
	if (!ts_node_is_null(n) && ts_tree_cursor_goto_first_child(&c)) {
		do {
			TSNode ch = ts_tree_cursor_current_node(&c);
			if (ts_node_is_named(ch))
				VEC_PUSH(&v, ch);
		} while (ts_tree_cursor_goto_next_sibling(&c));
	}
	ts_tree_cursor_delete(&c);
	*count = (uint32_t)v.n;
	return v.v;
}

void parse_walk(TSNode root, void (*visit)(void *ctx, TSNode n), void *ctx)
{
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		visit(ctx, ts_tree_cursor_current_node(&c));
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c))
			if (!ts_tree_cursor_goto_parent(&c))
				goto done;
	}
done:
	ts_tree_cursor_delete(&c);
}

static void dump_node(const struct parsed_file *pf, TSNode n, int depth, FILE *out)
{
	TSPoint pt = ts_node_start_point(n);
	fprintf(out, "%*s%s %u:%u", depth * 2, "", ts_node_type(n), pt.row + 1, pt.column + 1);
	if (ts_node_named_child_count(n) == 0) {
		uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
		fprintf(out, " '%.*s'", (int)(b - a > 60 ? 60 : b - a), pf->text + a);
	}
	fputc('\n', out);
	if (depth > 200)
		return;
	TSTreeCursor c = ts_tree_cursor_new(n);
	if (ts_tree_cursor_goto_first_child(&c)) {
		do {
			TSNode ch = ts_tree_cursor_current_node(&c);
			if (ts_node_is_named(ch))
				dump_node(pf, ch, depth + 1, out);
		} while (ts_tree_cursor_goto_next_sibling(&c));
	}
	ts_tree_cursor_delete(&c);
}

void parse_dump(const struct parsed_file *pf, FILE *out)
{
	dump_node(pf, ts_tree_root_node(pf->tree), 0, out);
}

void parse_file_release(struct parsed_file *pf)
{
	if (pf->tree)
		ts_tree_delete(pf->tree);
	free(pf->functions);
	free(pf->text);
	strset_release(&pf->calls);
	for (size_t i = 0; pf->annotated_fn && i < pf->annotations.n; i++)
		free(pf->annotated_fn[i]);
	free(pf->annotated_fn);
	VEC_FREE(&pf->annotations);
	memset(pf, 0, sizeof(*pf));
}

/* parse: source text -> tree-sitter syntax tree -> list of function definitions.
 * Takes: a source (its text is copied and rewritten by macros.c before parsing).
 * Gives: a parsed_file whose functions[] are TSNodes valid until parse_file_release.
 * Owns: the TSTree and the rewritten copy of the text; one struct parser per worker thread.
 * Only parse.c, cfgbuild.c and lockid.c see tree-sitter types. */
#ifndef LOCKAUDIT_PARSE_H
#define LOCKAUDIT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <tree_sitter/api.h>

#include "macros.h"
#include "source.h"
#include "util.h"

/* Budget: a parse that takes longer than this is cancelled and the file skipped. */
#define PARSE_DEADLINE_MS 20000

/* The grammar node kinds the later stages look at; everything else is NK_OTHER. */
#define NODE_KINDS(X) \
	X(translation_unit) X(function_definition) X(compound_statement) X(expression_statement) \
	X(if_statement) X(else_clause) X(switch_statement) X(case_statement) X(while_statement) \
	X(do_statement) X(for_statement) X(break_statement) X(continue_statement) \
	X(return_statement) X(goto_statement) X(labeled_statement) X(declaration) \
	X(init_declarator) X(attributed_statement) X(call_expression) X(argument_list) \
	X(assignment_expression) X(update_expression) X(binary_expression) X(unary_expression) \
	X(pointer_expression) X(parenthesized_expression) X(conditional_expression) \
	X(comma_expression) X(cast_expression) X(field_expression) X(subscript_expression) \
	X(identifier) X(field_identifier) X(number_literal) X(null) X(true) X(false) \
	X(statement_identifier) X(gnu_asm_expression) X(gnu_asm_goto_list) X(preproc_if) \
	X(preproc_ifdef) X(preproc_else) X(preproc_elif) X(preproc_elifdef) X(preproc_defined) \
	X(function_declarator) X(pointer_declarator) X(parenthesized_declarator) \
	X(compound_literal_expression) X(sizeof_expression) X(initializer_list) X(comment) \
	X(ERROR) X(string_literal) X(char_literal) X(type_descriptor) X(seh_leave_statement) \
	X(parameter_list) X(parameter_declaration) X(type_definition) X(struct_specifier) \
	X(initializer_pair) X(field_designator) X(extension_expression) X(concatenated_string) \
	X(preproc_call) X(preproc_def) X(preproc_function_def) X(preproc_include)

enum node_kind {
	NK_OTHER,
#define X(name) NK_##name,
	NODE_KINDS(X)
#undef X
	NK_COUNT
};

#define FIELD_NAMES(X) \
	X(body) X(condition) X(consequence) X(alternative) X(declarator) X(value) X(function) \
	X(arguments) X(left) X(right) X(operator) X(argument) X(label) X(initializer) X(update) \
	X(name) X(field) X(type) X(parameters)

enum field_id_index {
#define X(name) F_##name,
	FIELD_NAMES(X)
#undef X
	F_COUNT
};

/* Symbol and field ids resolved once per parser, so per-node tests are table lookups. */
struct grammar {
	const TSLanguage *lang;
	uint8_t *kind_of_symbol;	/* indexed by TSSymbol */
	uint32_t symbol_count;
	TSFieldId field[F_COUNT];
};

struct parser {
	TSParser *ts;
	struct grammar g;
	const struct attr_macros *learnt;	/* the run's attribute macros (macros.h), or NULL */
};

struct parsed_file {
	const struct source *src;	/* original text: what messages quote */
	char *text;			/* rewritten copy that was parsed (same length) */
	TSTree *tree;
	TSNode *functions;		/* function_definition nodes, in file order */
	size_t nfunctions;
	size_t nfunctions_with_errors;	/* any ERROR or MISSING node in the function */
	size_t nfunctions_not_analysed;	/* errors that may hide statements (parse_has_serious_error) */
	bool cancelled;			/* deadline hit: no tree */
	struct strset calls;		/* every identifier the text follows with '(' (lexically) */
	struct annotations annotations;	/* lock annotations, by offset */
	char **annotated_fn;		/* per annotation: the function a declaration (not a
					 * definition) it is part of declares, or NULL */
};

void parser_init(struct parser *p);
void parser_release(struct parser *p);
/* Returns false (and sets pf->cancelled) when the parse deadline was hit. */
bool parse_file(struct parser *p, const struct source *src, struct parsed_file *pf);
void parse_file_release(struct parsed_file *pf);

static inline enum node_kind node_kind(const struct grammar *g, TSNode n)
{
	if (ts_node_is_null(n))
		return NK_OTHER;
	TSSymbol s = ts_node_symbol(n);
	return s < g->symbol_count ? (enum node_kind)g->kind_of_symbol[s] : NK_OTHER;
}
static inline TSNode node_field(const struct grammar *g, TSNode n, enum field_id_index f)
{
	if (ts_node_is_null(n))
		return n;
	return ts_node_child_by_field_id(n, g->field[f]);
}
/* The name a function definition declares, or "" when it cannot be found. */
const char *parse_function_name(const struct grammar *g, const char *text, TSNode fn, char *buf, size_t buflen);
/* Whether fn has a syntax error outside the argument list of a call.  Errors inside one
 * (a type as a macro argument: container_of(p, struct foo, m), rte_pktmbuf_mtod(m, void *))
 * cannot hide a statement, so the function is still analysed. */
bool parse_has_serious_error(const struct grammar *g, const char *text, TSNode fn);
/* Calls visit(ctx, n) on every node under root (root included), in document order,
 * without recursion (10,000 nested braces must not overflow the stack). */
void parse_walk(TSNode root, void (*visit)(void *ctx, TSNode n), void *ctx);
/* n's named children into *out (heap array, *count of them): a cursor walks them in one
 * pass, where ts_node_named_child(n, i) in a loop would restart from the first each time. */
TSNode *parse_children(TSNode n, uint32_t *count);
/* Writes a human-readable S-expression of the tree (for --dump=ast). */
void parse_dump(const struct parsed_file *pf, FILE *out);

#endif

/* builder: the state of cfgbuild while it turns one function's syntax tree into a CFG,
 * shared by its two files (cfgbuild.c: statements, expressions, calls, guards;
 * cfgcond.c: conditions, which turn && || ! into edges).  Internal to the CFG stage:
 * other stages see cfg.h. */
#ifndef LOCKAUDIT_BUILDER_H
#define LOCKAUDIT_BUILDER_H

#include "cfg.h"
#include "lockid.h"
#include "parse.h"
#include "util.h"

#include <string.h>

#define NONE UINT32_MAX

struct guard {
	const char *key, *text, *prim;	/* prim: "guard(mutex)", as messages name it */
	uint8_t mode, flags;
	struct loc taken;
};

/* A compound statement that owns guard() locks, released on every way out of it. */
struct scope {
	struct scope *outer;
	uint32_t start, end;	/* byte span, to tell which scope a label is in */
	struct guard *guards;
	size_t nguards, cap;
};

/* Where break and continue go. */
struct jump_ctx {
	struct jump_ctx *outer;
	uint32_t brk, cont;	/* cont is NONE for switch and scoped_guard */
	struct scope *scope;	/* innermost scope outside the construct */
	uint32_t span_start, span_end;
	bool is_loop;
};

struct label {
	const char *name;
	uint32_t block;
	uint32_t offset;	/* byte offset of the labeled statement, NONE if not found */
};

struct builder {
	struct cfg *cfg;
	const struct grammar *g;
	const char *text;	/* rewritten text that was parsed */
	const char *orig;	/* original text */
	size_t len;
	const struct lockapi *api;
	struct lockid id;
	uint32_t cur;		/* block being filled, NONE after a jump */
	int depth;
	struct jump_ctx *jump;
	struct scope *scope;
	VEC(struct label) labels;
	bool guess;		/* pair unknown x_lock/x_unlock calls by name (--no-guess: off) */
	const struct parsed_file *pf;
	struct arg_memo *args;	/* the last argument list read (several helpers read one call's) */
};

/* A call's arguments, comments aside, read once with a cursor: tree-sitter finds the k-th
 * child by walking from the first, so reading them one by one would be quadratic. */
#define ARG_MEMO_MAX 32
struct arg_memo {
	uint32_t start, end;	/* the argument list's bytes: which list this is */
	uint32_t n;		/* how many arguments (all of them, also past the memo) */
	TSNode v[ARG_MEMO_MAX];
};

static inline struct loc loc_of(TSNode n)
{
	TSPoint p = ts_node_start_point(n);
	return (struct loc){p.row + 1, p.column + 1};
}

static inline enum node_kind kind(const struct builder *b, TSNode n) { return node_kind(b->g, n); }
static inline TSNode field(const struct builder *b, TSNode n, enum field_id_index f) { return node_field(b->g, n, f); }

static inline bool text_is(const struct builder *b, TSNode n, const char *s)
{
	uint32_t a = ts_node_start_byte(n), e = ts_node_end_byte(n);
	return strlen(s) == e - a && memcmp(b->text + a, s, e - a) == 0;
}

/* cfgbuild.c */
void cfgb_expr(struct builder *b, TSNode n, const char *result);	/* result: key that gets the value */
void cfgb_end_goto(struct builder *b, uint32_t target);
void cfgb_end_branch(struct builder *b, struct test t, uint32_t yes, uint32_t no);
bool cfgb_enter(struct builder *b);	/* false past CFG_MAX_DEPTH (the cfg is marked too deep) */
/* Value class of a literal-like expression: 0, -EINVAL, NULL, true, ERR_PTR(...); 0 if not. */
uint8_t cfgb_literal_bits(struct builder *b, TSNode n);
uint32_t cfgb_arg_count(const struct builder *b, TSNode args);
TSNode cfgb_arg_at(const struct builder *b, TSNode args, uint32_t k);

/* cfgcond.c */
/* Ends the current block on condition n: to t when it holds, to f when not. */
void cfgb_cond(struct builder *b, TSNode n, uint32_t t, uint32_t f);
void cfgb_branch_on(struct builder *b, enum test_kind k, TSNode n, const char *key, uint32_t t, uint32_t f);
/* n without the branch-prediction hints around it (unlikely(x), OVS_UNLIKELY(x)). */
TSNode cfgb_strip_hint(struct builder *b, TSNode n);

#endif

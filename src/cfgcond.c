/* cfgcond: conditions in the CFG.  Takes a condition's syntax tree; gives branch edges
 * (&&, || and ! become edges, comparisons with 0, NULL, true and constants become tests of
 * a key that facts can decide).  Part of cfgbuild (builder.h). */
#include "builder.h"

static bool is_zero_literal(struct builder *b, TSNode n)
{
	return cfgb_literal_bits(b, n) == VB_ZERO;
}

void cfgb_branch_on(struct builder *b, enum test_kind k, TSNode n, const char *key, uint32_t t, uint32_t f)
{
	struct test test = {(uint8_t)k, loc_of(n), key, lockid_text(&b->id, n)};
	cfgb_end_branch(b, test, t, f);
}

/* Branch-prediction hints wrap a condition without changing it: these names, and any name
 * ending in _likely/_unlikely in either case (OVS_UNLIKELY, G_LIKELY). */
static const char *const hint_macros[] = {"likely", "unlikely", "__builtin_expect", "__predict_true", "__predict_false"};
static const char *const hint_suffixes[] = {"_likely", "_unlikely", "_LIKELY", "_UNLIKELY"};

static bool is_hint(struct builder *b, TSNode fn)
{
	for (size_t i = 0; i < countof(hint_macros); i++)
		if (text_is(b, fn, hint_macros[i]))
			return true;
	if (kind(b, fn) != NK_identifier)
		return false;
	uint32_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
	for (size_t i = 0; i < countof(hint_suffixes); i++) {
		size_t n = strlen(hint_suffixes[i]);
		if (e - s > n && memcmp(b->text + e - n, hint_suffixes[i], n) == 0)
			return true;
	}
	return false;
}

TSNode cfgb_strip_hint(struct builder *b, TSNode n)
{
	for (int guard = 0; guard < 8; guard++) {
		n = lockid_strip(&b->id, n, true);
		if (kind(b, n) != NK_call_expression)
			return n;
		TSNode fn = field(b, n, F_function), args = field(b, n, F_arguments);
		if (!is_hint(b, fn) || cfgb_arg_count(b, args) < 1)
			return n;
		n = cfgb_arg_at(b, args, 0);
	}
	return n;
}

/* x == 0, x != NULL, x < 0, x >= 0: tests of x itself, so facts about x decide them. */
static bool build_compare(struct builder *b, TSNode n, uint32_t t, uint32_t f)
{
	TSNode op = field(b, n, F_operator), l = field(b, n, F_left), r = field(b, n, F_right);
	bool eq = text_is(b, op, "=="), ne = text_is(b, op, "!=");
	if ((eq || ne) && (is_zero_literal(b, r) || is_zero_literal(b, l))) {
		TSNode x = is_zero_literal(b, r) ? l : r;
		cfgb_cond(b, x, eq ? f : t, eq ? t : f);
		return true;
	}
	if ((eq || ne) && (text_is(b, r, "1") || text_is(b, r, "true"))) {
		/* `trylock(&l) == 1`: a boolean compared with true. */
		TSNode x = cfgb_strip_hint(b, l);
		const char *key = lockid_expr_key(&b->id, x);
		cfgb_expr(b, x, kind(b, x) == NK_call_expression ? key : NULL);
		cfgb_branch_on(b, TEST_EQ1, n, key, eq ? t : f, eq ? f : t);
		return true;
	}
	bool lt = text_is(b, op, "<"), ge = text_is(b, op, ">=");
	if ((lt || ge) && is_zero_literal(b, r)) {
		TSNode x = lockid_strip(&b->id, l, true);
		const char *key = lockid_expr_key(&b->id, x);
		if (kind(b, x) == NK_call_expression || kind(b, x) == NK_assignment_expression)
			cfgb_expr(b, x, key);
		else
			cfgb_expr(b, x, NULL);
		if (kind(b, x) == NK_assignment_expression)
			key = lockid_expr_key(&b->id, field(b, x, F_left));
		cfgb_branch_on(b, TEST_NEG, n, key, lt ? t : f, lt ? f : t);
		return true;
	}
	return false;
}

void cfgb_cond(struct builder *b, TSNode n, uint32_t t, uint32_t f)
{
	if (!cfgb_enter(b)) {
		b->depth--;
		return;
	}
	n = cfgb_strip_hint(b, n);
	uint8_t lit = cfgb_literal_bits(b, n);
	switch (kind(b, n)) {
	case NK_unary_expression:
		if (b->text[ts_node_start_byte(n)] == '!') {
			cfgb_cond(b, field(b, n, F_argument), f, t);
			break;
		}
		goto atom;
	case NK_binary_expression: {
		TSNode op = field(b, n, F_operator);
		bool and = text_is(b, op, "&&");
		if (and || text_is(b, op, "||")) {
			uint32_t mid = cfg_block_new(b->cfg);
			cfgb_cond(b, field(b, n, F_left), and ? mid : t, and ? f : mid);
			b->cur = mid;
			cfgb_cond(b, field(b, n, F_right), t, f);
			break;
		}
		if (build_compare(b, n, t, f))
			break;
		goto atom;
	}
	case NK_number_literal:
	case NK_true:
	case NK_false:
	case NK_null:
		cfgb_end_goto(b, lit == VB_ZERO ? f : t);	/* while (1), do { } while (0), if (0) */
		break;
	case NK_comma_expression:
		cfgb_expr(b, field(b, n, F_left), NULL);
		cfgb_cond(b, field(b, n, F_right), t, f);
		break;
	case NK_identifier:	/* while (B_TRUE), if (FALSE): the spellings literal_bits knows */
		if (lit == VB_ZERO || lit == VB_POS) {
			cfgb_end_goto(b, lit == VB_ZERO ? f : t);
			break;
		}
		goto atom;
	case NK_assignment_expression:
		cfgb_expr(b, n, NULL);
		cfgb_branch_on(b, TEST_TRUTH, n, lockid_expr_key(&b->id, field(b, n, F_left)), t, f);
		break;
	default:
	atom: {
		const char *key = lockid_expr_key(&b->id, n);
		cfgb_expr(b, n, kind(b, n) == NK_call_expression ? key : NULL);
		cfgb_branch_on(b, TEST_TRUTH, n, key, t, f);
	}
	}
	b->depth--;
}

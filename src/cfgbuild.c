/* cfgbuild: syntax tree of one function -> CFG (entry point cfg_build, declared in cfg.h).
 * One dispatcher over statement kinds (build_stmt), one over expression kinds (cfgb_expr),
 * and a builder per kind; conditions (cfgb_cond, which turns && || ! into edges) are in
 * cfgcond.c, and the builder's state in builder.h. */
#include "builder.h"
#include "macros.h"
#include "nameguess.h"

static void build_stmt(struct builder *b, TSNode n);
static void build_children(struct builder *b, TSNode n);

/* --- small helpers ----------------------------------------------------------------- */

static uint32_t cur_block(struct builder *b)
{
	if (b->cur == NONE)	/* code after a jump: unreachable, but still built */
		b->cur = cfg_block_new(b->cfg);
	return b->cur;
}

static struct event *add_event(struct builder *b, enum event_kind k, TSNode at)
{
	struct event *e = cfg_event_add(b->cfg, cur_block(b));
	e->kind = (uint8_t)k;
	e->loc = loc_of(at);
	e->span_start = ts_node_start_byte(at);
	return e;
}

void cfgb_end_goto(struct builder *b, uint32_t target)
{
	if (b->cur == NONE)
		return;
	b->cfg->blocks[b->cur]->term = T_GOTO;
	cfg_set_succ(b->cfg, b->cur, &target, 1);
	b->cur = NONE;
}

void cfgb_end_branch(struct builder *b, struct test t, uint32_t yes, uint32_t no)
{
	if (b->cur == NONE)
		return;
	struct block *blk = b->cfg->blocks[b->cur];
	blk->term = T_BRANCH;
	blk->test = t;
	uint32_t succ[2] = {yes, no};
	cfg_set_succ(b->cfg, b->cur, succ, 2);
	b->cur = NONE;
}

static void end_return(struct builder *b, struct retinfo r)
{
	uint32_t blk = cur_block(b);
	b->cfg->blocks[blk]->term = T_RETURN;
	b->cfg->blocks[blk]->ret = r;
	b->cur = NONE;
}

bool cfgb_enter(struct builder *b)
{
	if (++b->depth > CFG_MAX_DEPTH) {
		b->cfg->too_deep = true;
		return false;
	}
	return true;
}

/* Value class of a literal-like expression: 0, -EINVAL, NULL, true, ERR_PTR(...); 0 if not. */
/* An errno constant (EINVAL, ENOENT, EAGAIN): not zero.  Kernel code returns it negated,
 * Solaris and BSD code (OpenZFS) as it is, so either sign: an error either way. */
static bool upper_case(const char *t, uint32_t s, uint32_t e, bool underscore)
{
	for (uint32_t i = s; i < e; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') || (underscore && t[i] == '_')))
			return false;
	return true;
}

static bool errno_name(struct builder *b, TSNode n)
{
	uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
	return e - s >= 3 && b->text[s] == 'E' && !text_is(b, n, "EOK") && upper_case(b->text, s, e, false);
}

/* A status code for success (E1000_SUCCESS, ICE_SUCCESS, EXIT_SUCCESS): zero in every
 * code base that spells it so. */
static bool success_name(struct builder *b, TSNode n)
{
	uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
	return e - s >= 8 && memcmp(b->text + e - 8, "_SUCCESS", 8) == 0 && upper_case(b->text, s, e, true);
}

uint8_t cfgb_literal_bits(struct builder *b, TSNode n)
{
	n = lockid_strip(&b->id, n, true);
	switch (kind(b, n)) {
	case NK_number_literal: {
		const char *s = b->text + ts_node_start_byte(n);
		if (*s == '-')	/* the grammar folds a leading minus into the literal */
			return VB_NEG;
		bool zero = s[0] == '0' && !(s[1] >= '1' && s[1] <= '9') &&
			    strspn(s, "0xXuUlL") >= ts_node_end_byte(n) - ts_node_start_byte(n);
		return zero ? VB_ZERO : VB_POS;
	}
	case NK_null:
	case NK_false:
		return VB_ZERO;
	case NK_true:
		return VB_POS;
	case NK_identifier:	/* the usual spellings of NULL and of booleans in C code bases */
		if (text_is(b, n, "NULL"))
			return VB_ZERO;
		switch (bool_name_value(b->text + ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n))) {
		case 0:
			return VB_ZERO;
		case 1:
			return VB_POS;
		}
		if (success_name(b, n))
			return VB_ZERO;
		return errno_name(b, n) ? VB_POS | VB_NEG : 0;
	case NK_unary_expression:
		if (b->text[ts_node_start_byte(n)] == '-')
			return VB_NEG;
		return 0;
	case NK_call_expression: {
		TSNode fn = field(b, n, F_function);
		if (text_is(b, fn, "ERR_PTR") || text_is(b, fn, "ERR_CAST"))
			return VB_ERRPTR;
		TSNode args = field(b, n, F_arguments);
		if (text_is(b, fn, "SET_ERROR") && ts_node_named_child_count(args) == 1)
			return cfgb_literal_bits(b, ts_node_named_child(args, 0));	/* ZFS: SET_ERROR(EIO) */
		return 0;
	}
	default:
		return 0;
	}
}

/* Call arguments, comments aside: mutex_lock(<comment> &m) has one argument. */
static const struct arg_memo *read_args(const struct builder *b, TSNode args)
{
	struct arg_memo *m = b->args;
	uint32_t start = ts_node_start_byte(args), end = ts_node_end_byte(args);
	if (m->n != UINT32_MAX && m->start == start && m->end == end)
		return m;
	m->start = start;
	m->end = end;
	m->n = 0;
	TSTreeCursor c = ts_tree_cursor_new(args);
	for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
		TSNode a = ts_tree_cursor_current_node(&c);
		if (!ts_node_is_named(a) || kind(b, a) == NK_comment)
			continue;
		if (m->n < ARG_MEMO_MAX)
			m->v[m->n] = a;
		m->n++;
	}
	ts_tree_cursor_delete(&c);
	return m;
}

/* The arguments one after the other, comments aside: `for (TSNode a = first_arg(b, &c,
 * args); !ts_node_is_null(a); a = next_arg(b, &c))`, then ts_tree_cursor_delete(&c). */
static TSNode next_arg(const struct builder *b, TSTreeCursor *c)
{
	while (ts_tree_cursor_goto_next_sibling(c)) {
		TSNode a = ts_tree_cursor_current_node(c);
		if (ts_node_is_named(a) && kind(b, a) != NK_comment)
			return a;
	}
	return (TSNode){0};
}

static TSNode first_arg(const struct builder *b, TSTreeCursor *c, TSNode args)
{
	if (ts_node_is_null(args)) {
		memset(c, 0, sizeof(*c));	/* nothing to walk; deleting it frees nothing */
		return (TSNode){0};
	}
	*c = ts_tree_cursor_new(args);
	if (!ts_tree_cursor_goto_first_child(c))
		return (TSNode){0};
	TSNode a = ts_tree_cursor_current_node(c);
	return ts_node_is_named(a) && kind(b, a) != NK_comment ? a : next_arg(b, c);
}

uint32_t cfgb_arg_count(const struct builder *b, TSNode args)
{
	return ts_node_is_null(args) ? 0 : read_args(b, args)->n;
}

TSNode cfgb_arg_at(const struct builder *b, TSNode args, uint32_t k)
{
	if (ts_node_is_null(args))
		return (TSNode){0};
	const struct arg_memo *m = read_args(b, args);
	if (k < ARG_MEMO_MAX)
		return k < m->n ? m->v[k] : (TSNode){0};
	uint32_t all = ts_node_named_child_count(args);	/* past the memo: the slow way */
	for (uint32_t i = 0; i < all; i++) {
		TSNode a = ts_node_named_child(args, i);
		if (kind(b, a) != NK_comment && k-- == 0)
			return a;
	}
	return (TSNode){0};
}

/* The lock a primitive's row names among the call's arguments (or its class, for a global
 * lock such as rcu): its key and its text as written. */
static void lock_operand(struct builder *b, const struct lockprim *row, TSNode args,
			 const char **key, const char **text)
{
	if (row->arg == LOCKPRIM_NO_ARG || (uint32_t)row->arg >= cfgb_arg_count(b, args)) {
		*key = *text = cfg_intern(b->cfg, row->cls, strlen(row->cls));
		return;
	}
	TSNode a = cfgb_arg_at(b, args, (uint32_t)row->arg);
	*key = lockid_lock_key(&b->id, a);
	*text = lockid_text(&b->id, a);
	if (row->field) {	/* prison_free_locked(pr): pr->pr_mtx; given &obj: obj.field */
		TSNode x = lockid_strip(&b->id, a, true);
		bool addr = kind(b, x) == NK_pointer_expression && b->text[ts_node_start_byte(x)] == '&';
		const char *full = arena_printf(b->cfg->arena, "%s%s%s", *key, addr ? "." : "->", row->field);
		*key = cfg_intern(b->cfg, full, strlen(full));
		*text = arena_printf(b->cfg->arena, "&%s%s%s", addr ? *key : *text, addr ? "" : "->", addr ? "" : row->field);
	}
	if (row->also_arg && row->also_arg <= cfgb_arg_count(b, args)) {	/* spa_config_enter(spa, SCL_X, ...) */
		const char *extra = lockid_expr_key(&b->id, cfgb_arg_at(b, args, (uint32_t)row->also_arg - 1u));
		const char *full = arena_printf(b->cfg->arena, "%s{%s}", *key, extra);
		*key = cfg_intern(b->cfg, full, strlen(full));
		*text = arena_printf(b->cfg->arena, "%s (%s)", *text, extra);
	}
}

/* --- guards and scopes ------------------------------------------------------------- */

static void scope_push(struct builder *b, struct scope *s, TSNode n)
{
	memset(s, 0, sizeof(*s));
	s->outer = b->scope;
	s->start = ts_node_start_byte(n);
	s->end = ts_node_end_byte(n);
	b->scope = s;
}

static void guard_add(struct builder *b, struct guard g)
{
	struct scope *s = b->scope;
	if (!s)
		return;
	if (s->nguards == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4;
		struct guard *v = ARENA_ARRAY(b->cfg->arena, struct guard, cap);
		if (s->nguards)
			memcpy(v, s->guards, s->nguards * sizeof(*v));
		s->guards = v;
		s->cap = cap;
	}
	s->guards[s->nguards++] = g;
}

/* Releases, last taken first, the guards of every scope from the innermost out to (not
 * including) `until`: what the compiler's cleanup attribute does on that way out.  `at` is
 * where the way out is: a return, a break, a goto, or a scope's closing brace. */
static void leave_scopes(struct builder *b, struct scope *until, struct loc at)
{
	for (struct scope *s = b->scope; s && s != until; s = s->outer)
		for (size_t i = s->nguards; i-- > 0;) {
			if (b->cur == NONE)
				return;
			struct event *e = cfg_event_add(b->cfg, b->cur);
			e->kind = EV_LOCK;
			e->loc = at;
			e->origin = s->guards[i].taken;
			e->effect = LE_RELEASE;
			e->mode = s->guards[i].mode;
			e->flags = s->guards[i].flags;
			e->key = s->guards[i].key;
			e->text = s->guards[i].text;
			e->prim = s->guards[i].prim;
			e->scope_exit = true;
		}
}

/* Leaving a scope by its closing brace. */
static void scope_pop(struct builder *b, struct scope *s, TSNode scope_node)
{
	TSPoint end = ts_node_end_point(scope_node);
	leave_scopes(b, s->outer, (struct loc){end.row + 1, end.column ? end.column : 1});
	b->scope = s->outer;
}

static struct event *emit_acquire(struct builder *b, const struct lockprim *row, TSNode at,
				  const char *key, const char *text)
{
	struct event *e = add_event(b, EV_LOCK, at);
	e->effect = LE_ACQUIRE;
	e->mode = row->mode;
	e->flags = row->flags;
	e->key = key;
	e->text = text;
	e->prim = row->name;
	return e;
}

static struct guard guard_of(struct builder *b, const struct lockprim *row, const char *how,
			     const char *key, const char *text, TSNode at)
{
	const char *prim = arena_printf(b->cfg->arena, "%s(%s)", how, row->name);
	return (struct guard){key, text, prim, row->mode, row->flags, loc_of(at)};
}

/* guard(class)(args): held from here to the end of the enclosing compound statement. */
static bool build_guard_call(struct builder *b, TSNode call, TSNode inner)
{
	TSNode callee = field(b, inner, F_function);
	TSNode cargs = field(b, inner, F_arguments);
	if (!text_is(b, callee, "guard") || cfgb_arg_count(b, cargs) != 1)
		return false;
	const struct lockprim *row = lockapi_guard(b->api, lockid_expr_key(&b->id, cfgb_arg_at(b, cargs, 0)));
	if (!row)
		return true;	/* an unknown guard class: no lock we know of */
	const char *key, *text;
	lock_operand(b, row, field(b, call, F_arguments), &key, &text);
	struct guard g = guard_of(b, row, "guard", key, text, call);
	emit_acquire(b, row, call, key, text)->prim = g.prim;
	guard_add(b, g);
	return true;
}

/* --- calls ------------------------------------------------------------------------- */

/* Arguments passed as &x may be written by the callee: what we knew of x is void. */
static void kill_address_args(struct builder *b, TSNode args)
{
	TSTreeCursor c;
	for (TSNode arg = first_arg(b, &c, args); !ts_node_is_null(arg); arg = next_arg(b, &c)) {
		TSNode a = lockid_strip(&b->id, arg, true);
		if (kind(b, a) != NK_pointer_expression || b->text[ts_node_start_byte(a)] != '&')
			continue;
		TSNode v = lockid_strip(&b->id, field(b, a, F_argument), true);
		if (kind(b, v) == NK_identifier) {
			struct event *e = add_event(b, EV_ASSIGN, a);
			e->key = lockid_expr_key(&b->id, v);
			e->by_address = true;
		}
	}
	ts_tree_cursor_delete(&c);
}

/* Whether an argument names the calling function as the owner of a hold (FTAG, NULL). */
static bool names_self(struct builder *b, TSNode arg)
{
	TSNode a = lockid_strip(&b->id, arg, true);
	return cfgb_literal_bits(b, a) == VB_ZERO || lockapi_self_tag(b->api, lockid_expr_key(&b->id, a));
}

/* Who holds what a tagged primitive takes or drops (owner_arg): the function (0), the
 * caller through parameter i (1 + i: a `void *tag` it passes on), or -1 for an object
 * whose life is not the call's (`spa_config_enter(spa, SCL_ZIO, zio, RW_READER)`: the
 * I/O holds it until its completion drops it), which is that object's business and not
 * this function's. */
static int hold_owner(struct builder *b, const struct lockprim *row, TSNode args)
{
	if (!row->owner_arg || row->owner_arg > cfgb_arg_count(b, args))
		return 0;
	TSNode a = cfgb_arg_at(b, args, row->owner_arg - 1u);
	if (names_self(b, a))
		return 0;
	return cfg_tag_owner(b->cfg, lockid_expr_key(&b->id, lockid_strip(&b->id, a, true)));
}

static void build_lock_call(struct builder *b, TSNode call, const struct lockprim *row,
			    const char *name, TSNode args, const char *result, int owner)
{
	const char *key, *text;
	lock_operand(b, row, args, &key, &text);
	struct event *e = add_event(b, EV_LOCK, call);
	e->owner = (uint8_t)owner;
	e->effect = row->effect;
	e->mode = row->mode;
	e->success = row->success;
	e->also = row->also;
	e->flags = row->flags;
	e->key = key;
	e->text = text;
	e->prim = name;
	e->result = result;
}


/* assert(x), BUG_ON(x): the path on which the check fails ends here. */
static void build_assert(struct builder *b, const struct lockprim *row, TSNode arg)
{
	uint32_t cont = cfg_block_new(b->cfg), stop = cfg_block_new(b->cfg);
	bool on_true = row->success == TS_NONZERO;
	cfgb_cond(b, arg, on_true ? cont : stop, on_true ? stop : cont);
	b->cfg->blocks[stop]->term = T_STOP;
	b->cur = cont;
}

/* VERIFY3U(left, op, right): the path on which `left op right` fails ends here (the
 * pre-pass wrote `==` as 00 and `!=` as 01, see macros.c).  Only
 * a comparison with zero teaches anything (VERIFY3B(f(x), ==, B_FALSE) says f returned
 * 0); other comparisons build their operands and go on. */
static void build_assert3(struct builder *b, TSNode left, TSNode op, TSNode right)
{
	bool eq = text_is(b, op, "00"), ne = text_is(b, op, "01");	/* as the pre-pass wrote them */
	if ((eq || ne) && cfgb_literal_bits(b, left) && !cfgb_literal_bits(b, right)) {	/* ASSERT3P(NULL, ==, f(x)) */
		TSNode x = left;
		left = right;
		right = x;
	}
	uint8_t rb = cfgb_literal_bits(b, right);
	if (eq && rb && !(rb & VB_ZERO)) {	/* VERIFY3U(f(x), ==, ENOENT): f(x) is not 0 */
		eq = false;
		ne = true;
	} else if (rb != VB_ZERO) {
		ne = eq = false;
	}
	if (!(eq || ne)) {
		cfgb_expr(b, left, NULL);
		cfgb_expr(b, right, NULL);
		return;
	}
	uint32_t cont = cfg_block_new(b->cfg), stop = cfg_block_new(b->cfg);
	cfgb_cond(b, left, ne ? cont : stop, ne ? stop : cont);
	b->cfg->blocks[stop]->term = T_STOP;
	b->cur = cont;
}

/* A call's arguments as lock keys, so a callee's summary ("acquires $0->lock") can be
 * applied to them. */
static void record_call_args(struct builder *b, struct event *e, TSNode args, uint32_t nargs)
{
	if (nargs > 32)
		nargs = 32;
	e->nargs = (uint8_t)nargs;
	e->args = ARENA_ARRAY(b->cfg->arena, const char *, nargs ? nargs : 1);
	for (uint32_t i = 0; i < nargs; i++) {
		TSNode a = lockid_strip(&b->id, cfgb_arg_at(b, args, i), true);
		if (kind(b, a) == NK_pointer_expression && b->text[ts_node_start_byte(a)] == '&')
			e->addr_args |= 1u << i;
		e->args[i] = lockid_lock_key(&b->id, a);
		if (names_self(b, a))
			e->self_args |= 1u << i;
	}
}

/* Whether the function tests whether the operations table behind the field call `key`
 * (field name at `field`) has the operation at all: `if (ops->acquire) return
 * ops->acquire(hw);` wraps an optional operation, and its other returns say nothing of a
 * lock.  Any test of a field of the same table naming either half counts. */
static bool optional_operation(struct builder *b, const char *key, const char *field)
{
	size_t n = (size_t)(field - key);
	for (uint32_t i = 0; i < b->cfg->nblocks; i++) {
		const char *t = b->cfg->blocks[i]->term == T_BRANCH ? b->cfg->blocks[i]->test.key : NULL;
		if (t && strncmp(t, key, n) == 0 && !strchr(t + n, '(') &&	/* not a call of it */
		    (strstr(t + n, "acquire") || strstr(t + n, "release")))
			return true;
	}
	return false;
}

/* Whether a noreturn call ends the path: always, or (a level argument) when the argument
 * is one of the row's constants (`elog(ERROR, ...)` does not return, `elog(LOG, ...)` does). */
static bool ends_path(struct builder *b, const struct lockprim *row, TSNode args, uint32_t nargs)
{
	if (!row->also || row->arg == LOCKPRIM_NO_ARG)
		return true;
	if ((uint32_t)row->arg >= nargs)
		return false;
	TSNode a = lockid_strip(&b->id, cfgb_arg_at(b, args, (uint32_t)row->arg), true);
	const char *t = b->text + ts_node_start_byte(a);
	size_t n = ts_node_end_byte(a) - ts_node_start_byte(a);
	for (const char *p = row->also; *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && strncmp(p, t, n) == 0)
			return true;
		p += k + (p[k] == '|');
	}
	return false;
}

static void build_call(struct builder *b, TSNode n, const char *result)
{
	TSNode fn = field(b, n, F_function);
	TSNode args = field(b, n, F_arguments);
	if (kind(b, fn) == NK_call_expression && build_guard_call(b, n, fn))
		return;
	const char *name = lockid_expr_key(&b->id, fn);
	const struct lockprim *row = kind(b, fn) == NK_identifier ? lockapi_call(b->api, name) : NULL;
	uint32_t nargs = cfgb_arg_count(b, args);
	if (row && row->effect == LE_ASSERT && (row->flags & LP_COMPARE3) && (uint32_t)row->arg + 2 < nargs) {
		build_assert3(b, cfgb_arg_at(b, args, (uint32_t)row->arg), cfgb_arg_at(b, args, (uint32_t)row->arg + 1),
			      cfgb_arg_at(b, args, (uint32_t)row->arg + 2));
		return;
	}
	if (row && row->effect == LE_ASSERT && (uint32_t)row->arg < nargs) {
		build_assert(b, row, cfgb_arg_at(b, args, (uint32_t)row->arg));	/* builds the argument */
		return;
	}
	if (kind(b, fn) != NK_identifier)
		cfgb_expr(b, fn, NULL);	/* ops->fn(...): the callee expression itself */
	TSTreeCursor c;
	for (TSNode a = first_arg(b, &c, args); !ts_node_is_null(a); a = next_arg(b, &c))
		cfgb_expr(b, a, NULL);
	ts_tree_cursor_delete(&c);
	if (row && row->effect == LE_NORETURN && ends_path(b, row, args, nargs)) {
		cur_block(b);
		b->cfg->blocks[b->cur]->term = T_STOP;
		b->cur = NONE;
		return;
	}
	int owner = row && row->effect != LE_GUARD ? hold_owner(b, row, args) : 0;
	if (row && row->effect != LE_GUARD && owner >= 0) {
		build_lock_call(b, n, row, name, args, result, owner);
		return;
	}
	if (!ts_node_is_null(args))
		kill_address_args(b, args);
	struct event *e = add_event(b, EV_CALL, n);
	e->key = name;
	e->text = lockid_text(&b->id, n);
	e->result = result;
	record_call_args(b, e, args, nargs);
	e->guess = 0xff;
	if (b->guess && kind(b, fn) == NK_identifier && !row)
		nameguess_pair(b->cfg, &b->pf->calls, b->api, e, name, NULL);
	if (kind(b, fn) == NK_field_expression) {
		e->field = lockid_expr_key(&b->id, field(b, fn, F_field));
		size_t fl = strlen(e->field), nl = strlen(name);
		if (b->guess && nl > fl && !optional_operation(b, name, name + nl - fl))
			nameguess_pair(b->cfg, &b->pf->calls, b->api, e, e->field, lockid_expr_key(&b->id, field(b, fn, F_argument)));
	}
}

/* --- expressions --------------------------------------------------------------------- */

/* The text of a constant (42, -1, MAX_LCORE): a value a later `v == C` can be decided by. */
static const char *constant_text(struct builder *b, TSNode v)
{
	TSNode x = lockid_strip(&b->id, v, true);
	if (kind(b, x) == NK_unary_expression && b->text[ts_node_start_byte(x)] == '-')
		x = lockid_strip(&b->id, field(b, x, F_argument), true);
	bool constant = kind(b, x) == NK_number_literal;
	if (kind(b, x) == NK_identifier) {
		constant = true;
		for (uint32_t i = ts_node_start_byte(x); i < ts_node_end_byte(x) && constant; i++)
			constant = !(b->text[i] >= 'a' && b->text[i] <= 'z');
	}
	return constant ? lockid_expr_key(&b->id, v) : NULL;
}

/* The variable a value is read out of or computed from: `pool` in `pool->mem`,
 * `tab[i].buf`, `&pool->mem`, `(char *)pool + n` and a plain copy `pool`; NULL for a
 * call or a constant. */
static const char *value_source(struct builder *b, TSNode v)
{
	TSNode x = lockid_strip(&b->id, v, true);
	for (int depth = 0; depth < 8 && !ts_node_is_null(x); depth++) {
		switch (kind(b, x)) {
		case NK_field_expression:
		case NK_subscript_expression:
			x = lockid_strip(&b->id, field(b, x, F_argument), true);
			break;
		case NK_pointer_expression:
			x = lockid_strip(&b->id, field(b, x, F_argument), true);
			break;
		case NK_binary_expression: {
			char op = b->text[ts_node_start_byte(field(b, x, F_operator))];
			if (op != '+' && op != '-')
				return NULL;
			x = lockid_strip(&b->id, field(b, x, F_left), true);
			break;
		}
		case NK_identifier:
			return lockid_expr_key(&b->id, x);
		default:
			return NULL;
		}
	}
	return NULL;
}

static void build_assign(struct builder *b, TSNode n)
{
	TSNode left = field(b, n, F_left), right = field(b, n, F_right);
	const char *var = lockid_expr_key(&b->id, left);
	if (kind(b, lockid_strip(&b->id, left, true)) != NK_identifier)
		build_children(b, left);	/* tbl[cnt++] = x: the target has effects of its own */
	bool plain = b->text[ts_node_start_byte(field(b, n, F_operator))] == '=';
	TSNode r = lockid_strip(&b->id, right, true);
	if (plain && kind(b, r) == NK_call_expression && !cfgb_literal_bits(b, r)) {
		cfgb_expr(b, r, var);	/* the call's event kills and sets what is known of var */
		return;
	}
	cfgb_expr(b, right, NULL);
	struct event *e = add_event(b, EV_ASSIGN, n);
	e->key = var;
	e->flags = plain ? cfgb_literal_bits(b, right) : 0;
	e->text = plain ? constant_text(b, right) : NULL;
	e->loaded = plain && kind(b, r) == NK_field_expression;
	e->copy_of = e->loaded || (plain && kind(b, r) == NK_identifier && !e->flags) ? lockid_expr_key(&b->id, r) : NULL;
	e->source = plain ? value_source(b, right) : NULL;
	if (plain && !e->text && kind(b, r) == NK_identifier)
		e->prim = lockid_expr_key(&b->id, r);
}

/* a && b, a || b, c ? x : y, outside a condition: control flow all the same. */
static void build_value_branch(struct builder *b, TSNode n)
{
	uint32_t t = cfg_block_new(b->cfg), f = cfg_block_new(b->cfg), join = cfg_block_new(b->cfg);
	if (kind(b, n) == NK_conditional_expression) {
		cfgb_cond(b, field(b, n, F_condition), t, f);
		b->cur = t;
		cfgb_expr(b, field(b, n, F_consequence), NULL);
		cfgb_end_goto(b, join);
		b->cur = f;
		cfgb_expr(b, field(b, n, F_alternative), NULL);
	} else {
		cfgb_cond(b, n, t, f);
		b->cur = t;
		cfgb_end_goto(b, join);
		b->cur = f;
	}
	cfgb_end_goto(b, join);
	b->cur = join;
}

static uint32_t label_block(struct builder *b, const char *name);

/* asm goto: may fall through or jump to any of its labels. */
static void build_asm(struct builder *b, TSNode n)
{
	TSNode list = {0};
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++)
		if (kind(b, ts_node_named_child(n, i)) == NK_gnu_asm_goto_list)
			list = ts_node_named_child(n, i);
	if (ts_node_is_null(list) || b->cur == NONE)
		return;
	uint32_t nl = ts_node_named_child_count(list);
	uint32_t *succ = ARENA_ARRAY(b->cfg->arena, uint32_t, nl + 1);
	uint32_t next = cfg_block_new(b->cfg);
	succ[0] = next;
	for (uint32_t i = 0; i < nl; i++)
		succ[i + 1] = label_block(b, lockid_expr_key(&b->id, ts_node_named_child(list, i)));
	b->cfg->blocks[b->cur]->term = T_SWITCH;
	cfg_set_succ(b->cfg, b->cur, succ, nl + 1);
	b->cur = next;
}

static void build_children(struct builder *b, TSNode n)
{
	TSTreeCursor c = ts_tree_cursor_new(n);
	if (ts_tree_cursor_goto_first_child(&c)) {
		do {
			TSNode ch = ts_tree_cursor_current_node(&c);
			if (ts_node_is_named(ch))
				cfgb_expr(b, ch, NULL);
		} while (ts_tree_cursor_goto_next_sibling(&c));
	}
	ts_tree_cursor_delete(&c);
}

void cfgb_expr(struct builder *b, TSNode n, const char *result)
{
	if (ts_node_is_null(n) || !cfgb_enter(b)) {
		b->depth--;
		return;
	}
	switch (kind(b, n)) {
	case NK_call_expression:
		build_call(b, n, result);
		break;
	case NK_assignment_expression:
		build_assign(b, n);
		break;
	case NK_update_expression: {
		cfgb_expr(b, field(b, n, F_argument), NULL);
		struct event *e = add_event(b, EV_ASSIGN, n);
		e->key = lockid_expr_key(&b->id, field(b, n, F_argument));
		break;
	}
	case NK_binary_expression: {
		TSNode op = field(b, n, F_operator);
		if (text_is(b, op, "&&") || text_is(b, op, "||"))
			build_value_branch(b, n);
		else
			build_children(b, n);
		break;
	}
	case NK_conditional_expression:
		build_value_branch(b, n);
		break;
	case NK_comma_expression:
		cfgb_expr(b, field(b, n, F_left), NULL);
		cfgb_expr(b, field(b, n, F_right), result);
		break;
	case NK_parenthesized_expression:
		if (ts_node_named_child_count(n) == 1 && kind(b, ts_node_named_child(n, 0)) == NK_compound_statement)
			build_stmt(b, ts_node_named_child(n, 0));	/* ({ ... }) */
		else
			build_children(b, n);
		break;
	case NK_gnu_asm_expression:
		build_asm(b, n);
		break;
	case NK_compound_statement:
		build_stmt(b, n);
		break;
	case NK_sizeof_expression:
	case NK_identifier:
	case NK_number_literal:
	case NK_string_literal:
	case NK_concatenated_string:
	case NK_char_literal:
	case NK_field_identifier:
	case NK_type_descriptor:
	case NK_comment:
		break;
	default:
		build_children(b, n);
		break;
	}
	b->depth--;
}

/* --- statements ---------------------------------------------------------------------- */

static uint32_t label_block(struct builder *b, const char *name)
{
	for (size_t i = 0; i < b->labels.n; i++)
		if (b->labels.v[i].name == name)
			return b->labels.v[i].block;
	struct label l = {name, cfg_block_new(b->cfg), NONE};
	VEC_PUSH(&b->labels, l);
	return l.block;
}

/* Labels are found before building (in lockid's walk), so a forward goto knows which
 * scopes it leaves. */
static void label_visit(void *ctx, TSNode n)
{
	struct builder *b = ctx;
	if (kind(b, n) != NK_labeled_statement)
		return;
	const char *name = lockid_expr_key(&b->id, field(b, n, F_label));
	label_block(b, name);
	for (size_t i = 0; i < b->labels.n; i++)
		if (b->labels.v[i].name == name)
			b->labels.v[i].offset = ts_node_start_byte(n);
}

static void build_compound(struct builder *b, TSNode n)
{
	struct scope s;
	scope_push(b, &s, n);
	TSTreeCursor c = ts_tree_cursor_new(n);
	if (ts_tree_cursor_goto_first_child(&c)) {
		do {
			TSNode ch = ts_tree_cursor_current_node(&c);
			if (ts_node_is_named(ch))
				build_stmt(b, ch);
		} while (ts_tree_cursor_goto_next_sibling(&c));
	}
	ts_tree_cursor_delete(&c);
	scope_pop(b, &s, n);
}

static void build_declaration(struct builder *b, TSNode n)
{
	if (lockid_static_declaration(&b->id, n))
		return;	/* initialised once, before any call */
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode d = ts_node_named_child(n, i);
		if (kind(b, d) != NK_init_declarator)
			continue;
		TSNode name = field(b, d, F_declarator);
		while (!ts_node_is_null(name) && kind(b, name) != NK_identifier)
			name = field(b, name, F_declarator);
		TSNode value = field(b, d, F_value);
		const char *var = ts_node_is_null(name) ? NULL : lockid_expr_key(&b->id, name);
		TSNode v = lockid_strip(&b->id, value, true);
		if (var && kind(b, v) == NK_call_expression && !cfgb_literal_bits(b, v)) {
			cfgb_expr(b, v, var);
			continue;
		}
		cfgb_expr(b, value, NULL);
		if (var && !ts_node_is_null(value)) {
			struct event *e = add_event(b, EV_ASSIGN, d);
			e->key = var;
			e->flags = cfgb_literal_bits(b, value);
			e->text = constant_text(b, value);
			e->loaded = kind(b, v) == NK_field_expression;
			e->source = value_source(b, value);
		}
	}
}

static void build_if(struct builder *b, TSNode n)
{
	uint32_t t = cfg_block_new(b->cfg), f = cfg_block_new(b->cfg), join = cfg_block_new(b->cfg);
	cfgb_cond(b, field(b, n, F_condition), t, f);
	b->cur = t;
	build_stmt(b, field(b, n, F_consequence));
	cfgb_end_goto(b, join);
	b->cur = f;
	TSNode alt = field(b, n, F_alternative);
	if (!ts_node_is_null(alt))
		build_stmt(b, kind(b, alt) == NK_else_clause ? ts_node_named_child(alt, 0) : alt);
	cfgb_end_goto(b, join);
	b->cur = join;
}

static void push_jump(struct builder *b, struct jump_ctx *j, TSNode n, uint32_t brk, uint32_t cont, bool loop)
{
	*j = (struct jump_ctx){b->jump, brk, cont, b->scope, ts_node_start_byte(n), ts_node_end_byte(n), loop};
	b->jump = j;
}

/* The body of loop n in block body: break goes to brk, continue to cont, and the end of
 * the body to next. */
static void build_loop_body(struct builder *b, TSNode n, uint32_t body, uint32_t brk, uint32_t cont, uint32_t next)
{
	struct jump_ctx j;
	push_jump(b, &j, n, brk, cont, true);
	b->cur = body;
	build_stmt(b, field(b, n, F_body));
	cfgb_end_goto(b, next);
	b->jump = j.outer;
}

/* An iterator macro's first argument is its cursor, written on every iteration: what was
 * known of it (and the locks named through it, such as &tab[i]) is void in the body. */
static void assign_cursor(struct builder *b, TSNode paren, TSNode loop)
{
	TSNode first = lockid_strip(&b->id, paren, false);
	while (kind(b, first) == NK_comma_expression)
		first = field(b, first, F_left);
	if (kind(b, first) != NK_identifier)
		return;
	struct event *e = add_event(b, EV_ASSIGN, first);
	e->key = lockid_expr_key(&b->id, first);
	e->loop_step = true;
	e->span_start = ts_node_start_byte(loop);
	e->span_end = ts_node_end_byte(loop);
}

/* The assignments of a for loop's update step move the loop to its next entry. */
static void mark_loop_step(struct builder *b, uint32_t blk, TSNode loop)
{
	struct block *bl = b->cfg->blocks[blk];
	for (uint32_t i = 0; i < bl->nevents; i++)
		if (bl->events[i].kind == EV_ASSIGN && !bl->events[i].by_address) {
			bl->events[i].loop_step = true;
			bl->events[i].span_start = ts_node_start_byte(loop);
			bl->events[i].span_end = ts_node_end_byte(loop);
		}
}

/* while (c) body; and iterator macros (list_for_each_entry(...) body), whose test is unknown. */
static void build_while(struct builder *b, TSNode n, bool iterator)
{
	uint32_t head = cfg_block_new(b->cfg), body = cfg_block_new(b->cfg), exit = cfg_block_new(b->cfg);
	cfgb_end_goto(b, head);
	b->cur = head;
	TSNode cond = field(b, n, F_condition);
	if (iterator) {
		cfgb_expr(b, cond, NULL);
		assign_cursor(b, cond, n);	/* also on the way out: the cursor is spent */
		cfgb_branch_on(b, TEST_UNKNOWN, cond, NULL, body, exit);
	} else {
		cfgb_cond(b, cond, body, exit);
	}
	build_loop_body(b, n, body, exit, head, head);
	b->cur = exit;
}

static void build_for(struct builder *b, TSNode n)
{
	TSNode init = field(b, n, F_initializer), cond = field(b, n, F_condition), upd = field(b, n, F_update);
	if (!ts_node_is_null(init))
		kind(b, init) == NK_declaration ? build_declaration(b, init) : cfgb_expr(b, init, NULL);
	uint32_t head = cfg_block_new(b->cfg), body = cfg_block_new(b->cfg);
	uint32_t next = cfg_block_new(b->cfg), exit = cfg_block_new(b->cfg);
	cfgb_end_goto(b, head);
	b->cur = head;
	if (ts_node_is_null(cond))
		cfgb_end_goto(b, body);
	else
		cfgb_cond(b, cond, body, exit);
	build_loop_body(b, n, body, exit, next, next);
	b->cur = next;
	cfgb_expr(b, upd, NULL);
	if (b->cur == next)
		mark_loop_step(b, next, n);
	cfgb_end_goto(b, head);
	b->cur = exit;
}

static void build_do(struct builder *b, TSNode n)
{
	uint32_t body = cfg_block_new(b->cfg), test = cfg_block_new(b->cfg), exit = cfg_block_new(b->cfg);
	cfgb_end_goto(b, body);
	build_loop_body(b, n, body, exit, test, test);
	b->cur = test;
	cfgb_cond(b, field(b, n, F_condition), body, exit);
	b->cur = exit;
}

/* switch: the head jumps to every case (and past the body when there is no default);
 * a case falls through into the next one unless it jumps. */
/* The case `value` of a switch on `cond` as the key a later `if (cond == value)` tests,
 * or NULL when value is not a constant (a number or an upper-case name). */
static const char *case_key(struct builder *b, TSNode cond, TSNode value)
{
	if (ts_node_is_null(value) || !constant_text(b, value))
		return NULL;
	const char *c = lockid_expr_key(&b->id, lockid_strip(&b->id, cond, true));
	const char *v = lockid_expr_key(&b->id, value);
	char *k = arena_printf(b->cfg->arena, "%s==%s", c, v);
	return cfg_intern(b->cfg, k, strlen(k));
}

/* switch: the head jumps to every case (and past the body when there is no default);
 * a case falls through into the next one unless it jumps.  The jump to `case A:` goes
 * through a block that records `cond==A` as true, so `if (cond == A || cond == B)` after
 * the switch follows the case taken (the way in by falling through does not). */
static void build_switch(struct builder *b, TSNode n)
{
	cfgb_expr(b, field(b, n, F_condition), NULL);
	uint32_t head = cur_block(b), exit = cfg_block_new(b->cfg);
	b->cur = NONE;
	VEC(uint32_t) succ = {0};
	bool has_default = false;
	struct jump_ctx j;
	push_jump(b, &j, n, exit, NONE, false);
	TSNode body = field(b, n, F_body);
	struct scope s;
	scope_push(b, &s, body);
	uint32_t cnt;
	TSNode *kids = parse_children(body, &cnt);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = kids[i];
		if (kind(b, ch) != NK_case_statement) {
			build_stmt(b, ch);
			continue;
		}
		uint32_t blk = cfg_block_new(b->cfg);
		cfgb_end_goto(b, blk);
		TSNode value = field(b, ch, F_value);
		const char *ck = case_key(b, field(b, n, F_condition), value);
		if (ck) {
			uint32_t entry = cfg_block_new(b->cfg);
			VEC_PUSH(&succ, entry);
			b->cur = entry;
			struct event *e = add_event(b, EV_ASSIGN, ch);
			e->key = ck;
			e->flags = VB_ANY & ~VB_ZERO;
			cfgb_end_goto(b, blk);
		} else {
			VEC_PUSH(&succ, blk);
		}
		b->cur = blk;
		has_default |= ts_node_is_null(value);
		uint32_t cc;
		TSNode *stmts = parse_children(ch, &cc);
		for (uint32_t k = 0; k < cc; k++)
			if (!ts_node_eq(stmts[k], value))
				build_stmt(b, stmts[k]);
		free(stmts);
	}
	free(kids);
	scope_pop(b, &s, body);
	cfgb_end_goto(b, exit);
	b->jump = j.outer;
	if (!has_default)
		VEC_PUSH(&succ, exit);
	b->cfg->blocks[head]->term = T_SWITCH;
	cfg_set_succ(b->cfg, head, succ.v, (uint32_t)succ.n);
	VEC_FREE(&succ);
	b->cur = exit;
}

static void build_break(struct builder *b, TSNode n, bool is_continue)
{
	struct jump_ctx *j = b->jump;
	while (j && is_continue && j->cont == NONE)
		j = j->outer;
	if (!j) {
		b->cur = NONE;
		return;
	}
	leave_scopes(b, j->scope, loc_of(n));
	if (!is_continue && j->is_loop && b->cur != NONE) {
		struct event *e = add_event(b, EV_BREAK, n);
		e->span_start = j->span_start;
		e->span_end = j->span_end;
	}
	cfgb_end_goto(b, is_continue ? j->cont : j->brk);
}

/* The call in `-f(...)`, or a null node. */
static TSNode negated_call(struct builder *b, TSNode v)
{
	if (ts_node_is_null(v) || kind(b, v) != NK_unary_expression || b->text[ts_node_start_byte(v)] != '-')
		return (TSNode){0};
	TSNode x = lockid_strip(&b->id, field(b, v, F_argument), true);
	return kind(b, x) == NK_call_expression ? x : (TSNode){0};
}

static void return_value(struct builder *b, TSNode n, TSNode v);

static void build_return(struct builder *b, TSNode n)
{
	TSNode v = ts_node_named_child_count(n) ? lockid_strip(&b->id, ts_node_named_child(n, 0), true) : (TSNode){0};
	return_value(b, n, v);
}

/* `return !done && !trylock(&m);` (OVS's ovsthread_once_start), `return err == 0;`: a
 * truth value, 1 on the edges where the condition holds and 0 on the others, so what the
 * condition's tests learnt (the try's result) goes with each way out. */
static bool return_truth(struct builder *b, TSNode n, TSNode v)
{
	static const char *const ops[] = {"&&", "||", "==", "!=", "<", ">", "<=", ">="};
	TSNode x = lockid_strip(&b->id, cfgb_strip_hint(b, v), true);
	bool truth = !ts_node_is_null(x) && kind(b, x) == NK_unary_expression && b->text[ts_node_start_byte(x)] == '!';
	for (size_t k = 0; !truth && !ts_node_is_null(x) && kind(b, x) == NK_binary_expression && k < countof(ops); k++)
		truth = text_is(b, field(b, x, F_operator), ops[k]);
	if (!truth)
		return false;
	uint32_t t = cfg_block_new(b->cfg), f = cfg_block_new(b->cfg);
	cfgb_cond(b, x, t, f);
	for (int side = 0; side < 2; side++) {
		b->cur = side ? f : t;
		leave_scopes(b, NULL, loc_of(n));
		if (b->cur != NONE)
			end_return(b, (struct retinfo){loc_of(n), side ? VB_ZERO : VB_POS, NULL, false, false, NULL});
	}
	return true;
}

static void return_value(struct builder *b, TSNode n, TSNode v)
{
	struct retinfo r = {loc_of(n), VB_ANY, NULL, false, false, NULL};
	if (return_truth(b, n, v))
		return;
	TSNode neg = negated_call(b, v);
	if (!ts_node_is_null(neg)) {	/* return (-zfs_enter(zfsvfs, tag)): the callee's ways, sign turned */
		r.var = lockid_expr_key(&b->id, neg);
		r.negated = true;
		cfgb_expr(b, neg, r.var);
	} else if (!ts_node_is_null(v) && kind(b, v) != NK_comment) {
		uint8_t bits = cfgb_literal_bits(b, v);
		if (bits) {
			r.bits = bits;
			cfgb_expr(b, v, NULL);
		} else if (kind(b, v) == NK_call_expression) {
			r.var = lockid_expr_key(&b->id, v);
			cfgb_expr(b, v, r.var);
		} else {
			cfgb_expr(b, v, NULL);
			if (kind(b, v) == NK_identifier)
				r.var = lockid_expr_key(&b->id, v);
			else
				r.source = value_source(b, v);
		}
	}
	leave_scopes(b, NULL, loc_of(n));
	if (b->cur != NONE || ts_node_is_null(v))
		end_return(b, r);
}

static struct scope *scope_holding(struct builder *b, uint32_t offset)
{
	struct scope *s = b->scope;
	while (s && !(offset >= s->start && offset < s->end))
		s = s->outer;
	return s;
}

static void build_goto(struct builder *b, TSNode n)
{
	TSNode lab = field(b, n, F_label);
	const char *name = ts_node_is_null(lab) ? "" : lockid_expr_key(&b->id, lab);
	for (size_t i = 0; i < b->labels.n; i++) {
		struct label *l = &b->labels.v[i];
		if (l->name != name || l->offset == NONE)
			continue;
		leave_scopes(b, scope_holding(b, l->offset), loc_of(n));
		cfgb_end_goto(b, l->block);
		return;
	}
	/* A computed goto (or a label we cannot see): any label may be next. */
	if (b->cur == NONE)
		return;
	uint32_t *succ = ARENA_ARRAY(b->cfg->arena, uint32_t, b->labels.n + 1);
	uint32_t cnt = 0;
	for (size_t i = 0; i < b->labels.n; i++)
		if (b->labels.v[i].offset != NONE)
			succ[cnt++] = b->labels.v[i].block;
	if (!cnt) {
		b->cfg->blocks[b->cur]->term = T_STOP;
	} else {
		b->cfg->blocks[b->cur]->term = T_SWITCH;
		cfg_set_succ(b->cfg, b->cur, succ, cnt);
	}
	b->cur = NONE;
}

static void build_labeled(struct builder *b, TSNode n)
{
	uint32_t blk = label_block(b, lockid_expr_key(&b->id, field(b, n, F_label)));
	cfgb_end_goto(b, blk);
	b->cur = blk;
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (kind(b, ch) != NK_statement_identifier)
			build_stmt(b, ch);
	}
}

/* Splits scoped_guard's original argument text at top-level commas. */
static size_t split_args(const char *s, size_t n, const char **starts, size_t *lens, size_t max)
{
	size_t cnt = 0, from = 0;
	int depth = 0;
	for (size_t i = 0; i <= n && cnt < max; i++) {
		char c = i < n ? s[i] : ',';
		depth += (c == '(' || c == '[' || c == '{') ? 1 : (c == ')' || c == ']' || c == '}') ? -1 : 0;
		if (c == ',' && depth == 0) {
			starts[cnt] = s + from;
			lens[cnt++] = i - from;
			from = i + 1;
		}
	}
	return cnt;
}

static const char *trimmed(struct builder *b, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	return cfg_intern(b->cfg, s, n);
}

static uint8_t fail_action_bits(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n < 6 || memcmp(s, "return", 6) != 0)
		return 0;
	s += 6, n -= 6;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n && *s == '-')
		return VB_NEG;
	return n && *s == '0' ? VB_ZERO : VB_ANY;
}

/* scoped_guard(class, args) body / scoped_cond_guard(class, fail, args) body:
 * the lock is held over body and released on every way out of it. */
static void build_scoped_guard(struct builder *b, TSNode n, bool cond_form)
{
	TSNode paren = field(b, n, F_condition);
	uint32_t a = ts_node_start_byte(paren) + 1, e = ts_node_end_byte(paren) - 1;
	const char *starts[8];
	size_t lens[8];
	size_t cnt = split_args(b->orig + a, e > a ? e - a : 0, starts, lens, 8);
	size_t first_lock = cond_form ? 2 : 1;
	const struct lockprim *row = cnt ? lockapi_guard(b->api, lockid_lock_key_text(&b->id, starts[0], lens[0])) : NULL;
	uint32_t exit = cfg_block_new(b->cfg);
	if (row && (cond_form || row->success != TS_ALWAYS)) {
		uint32_t got = cfg_block_new(b->cfg), failed = cfg_block_new(b->cfg);
		cfgb_branch_on(b, TEST_UNKNOWN, paren, NULL, got, failed);
		b->cur = failed;
		uint8_t bits = cond_form && cnt > 1 ? fail_action_bits(starts[1], lens[1]) : 0;
		if (bits)
			end_return(b, (struct retinfo){loc_of(n), bits, NULL, false, false, NULL});
		else
			cfgb_end_goto(b, exit);
		b->cur = got;
	}
	/* break inside scoped_guard leaves it (it is a for loop underneath), releasing it. */
	struct jump_ctx j;
	push_jump(b, &j, n, exit, NONE, false);
	struct scope s;
	scope_push(b, &s, n);
	if (row) {
		const char *key, *text;
		if (row->arg == LOCKPRIM_NO_ARG || first_lock + (size_t)row->arg >= cnt) {
			key = text = cfg_intern(b->cfg, row->cls, strlen(row->cls));
		} else {
			size_t k = first_lock + (size_t)row->arg;
			key = lockid_lock_key_text(&b->id, starts[k], lens[k]);
			text = trimmed(b, starts[k], lens[k]);
		}
		struct guard g = guard_of(b, row, cond_form ? "scoped_cond_guard" : "scoped_guard", key, text, n);
		emit_acquire(b, row, n, key, text)->prim = g.prim;
		guard_add(b, g);
	}
	build_stmt(b, field(b, n, F_body));
	scope_pop(b, &s, n);
	b->jump = j.outer;
	cfgb_end_goto(b, exit);
	b->cur = exit;
}

/* #if/#ifdef inside a body: either branch may be compiled in.  The condition text is the
 * key, so two blocks under the same #ifdef stay correlated. */
static void build_preproc(struct builder *b, TSNode n)
{
	uint32_t t = cfg_block_new(b->cfg), f = cfg_block_new(b->cfg), join = cfg_block_new(b->cfg);
	TSNode cond = field(b, n, kind(b, n) == NK_preproc_ifdef ? F_name : F_condition);
	bool negated = kind(b, n) == NK_preproc_ifdef && b->text[ts_node_start_byte(n) + 3] == 'n';
	if (ts_node_is_null(cond)) {
		cfgb_branch_on(b, TEST_UNKNOWN, n, NULL, t, f);
	} else {
		const char *key = lockid_expr_key(&b->id, cond);
		key = arena_printf(b->cfg->arena, "#if %s", key);
		key = cfg_intern(b->cfg, key, strlen(key));
		struct test test = {TEST_TRUTH, loc_of(n), key, key};
		cfgb_end_branch(b, test, negated ? f : t, negated ? t : f);
	}
	TSNode alt = field(b, n, F_alternative);
	b->cur = t;
	uint32_t cnt = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (!ts_node_eq(ch, cond) && !ts_node_eq(ch, alt))
			build_stmt(b, ch);
	}
	cfgb_end_goto(b, join);
	b->cur = f;
	if (!ts_node_is_null(alt)) {
		if (kind(b, alt) == NK_preproc_else) {
			uint32_t ac = ts_node_named_child_count(alt);
			for (uint32_t i = 0; i < ac; i++)
				build_stmt(b, ts_node_named_child(alt, i));
		} else {
			build_preproc(b, alt);	/* #elif: a nested choice */
		}
	}
	cfgb_end_goto(b, join);
	b->cur = join;
}

static void build_loop_stmt(struct builder *b, TSNode n)
{
	uint32_t off = ts_node_start_byte(n);
	switch (macros_loop_kind(b->orig, b->len, off)) {
	case MACRO_LOOP_NONE:
		build_while(b, n, false);
		break;
	case MACRO_LOOP_ITERATOR:
		build_while(b, n, true);
		break;
	case MACRO_LOOP_SCOPED_GUARD:
		build_scoped_guard(b, n, false);
		break;
	case MACRO_LOOP_SCOPED_COND_GUARD:
		build_scoped_guard(b, n, true);
		break;
	}
}

static void build_stmt(struct builder *b, TSNode n)
{
	if (ts_node_is_null(n) || !cfgb_enter(b)) {
		b->depth--;
		return;
	}
	switch (kind(b, n)) {
	case NK_compound_statement: build_compound(b, n); break;
	case NK_expression_statement:
		if (ts_node_named_child_count(n))
			cfgb_expr(b, ts_node_named_child(n, 0), NULL);
		break;
	case NK_declaration: build_declaration(b, n); break;
	case NK_if_statement: build_if(b, n); break;
	case NK_while_statement: build_loop_stmt(b, n); break;
	case NK_for_statement: build_for(b, n); break;
	case NK_do_statement: build_do(b, n); break;
	case NK_switch_statement: build_switch(b, n); break;
	case NK_break_statement: build_break(b, n, false); break;
	case NK_continue_statement: build_break(b, n, true); break;
	case NK_return_statement: build_return(b, n); break;
	case NK_goto_statement: build_goto(b, n); break;
	case NK_labeled_statement: build_labeled(b, n); break;
	case NK_preproc_if:
	case NK_preproc_ifdef: build_preproc(b, n); break;
	case NK_case_statement:	/* a case outside the switch body's top level (Duff's device) */
	case NK_attributed_statement:
	case NK_preproc_else:
	case NK_preproc_elif:
	case NK_ERROR: {
		uint32_t cnt = ts_node_named_child_count(n);
		for (uint32_t i = 0; i < cnt; i++)
			build_stmt(b, ts_node_named_child(n, i));
		break;
	}
	case NK_comment:
	case NK_type_definition:
	case NK_struct_specifier:
	case NK_preproc_call:
	case NK_preproc_def:
	case NK_preproc_function_def:
	case NK_preproc_include:
		break;
	default:
		cfgb_expr(b, n, NULL);	/* expressions standing as statements inside ERROR nodes */
		break;
	}
	b->depth--;
}

static bool has_static(const struct parser *p, const struct parsed_file *pf, TSNode fn)
{
	uint32_t cnt = ts_node_named_child_count(fn);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode ch = ts_node_named_child(fn, i);
		uint32_t a = ts_node_start_byte(ch), e = ts_node_end_byte(ch);
		if (e - a == 6 && memcmp(pf->text + a, "static", 6) == 0)
			return true;
		if (node_kind(&p->g, ch) == NK_function_declarator || node_kind(&p->g, ch) == NK_pointer_declarator)
			break;
	}
	return false;
}

/* Parameter names in order, from the function's declarator. */
static void collect_params(struct builder *b, TSNode fn)
{
	TSNode d = field(b, fn, F_declarator);
	for (int guard = 0; guard < 16 && !ts_node_is_null(d) && kind(b, d) != NK_function_declarator; guard++)
		d = field(b, d, F_declarator);
	TSNode list = field(b, d, F_parameters);
	uint32_t cnt = ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
	b->cfg->params = ARENA_ARRAY(b->cfg->arena, const char *, cnt ? cnt : 1);
	for (uint32_t i = 0; i < cnt; i++) {
		TSNode pd = ts_node_named_child(list, i);
		if (kind(b, pd) != NK_parameter_declaration)
			continue;
		TSNode name = field(b, pd, F_declarator);
		int stars = 0;
		for (int guard = 0; guard < 16 && !ts_node_is_null(name) && kind(b, name) != NK_identifier; guard++) {
			stars += kind(b, name) == NK_pointer_declarator;
			name = field(b, name, F_declarator);
		}
		if (stars >= 2 && b->cfg->nparams < 32)
			b->cfg->out_params |= 1u << b->cfg->nparams;
		TSNode type = field(b, pd, F_type);
		if (stars == 1 && b->cfg->nparams < 32 && (text_is(b, type, "void") || text_is(b, type, "char")))
			b->cfg->opaque_params |= 1u << b->cfg->nparams;
		b->cfg->params[b->cfg->nparams++] = ts_node_is_null(name) ? "" : lockid_expr_key(&b->id, name);
	}
}

/* The lock annotations written in [start of fn, to): before a definition's body, or in a
 * whole declaration. */
static void collect_annotations(struct builder *b, const struct parsed_file *pf, TSNode fn, uint32_t to)
{
	uint32_t from = ts_node_start_byte(fn);
	const struct annotations *all = &pf->annotations;
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++)
		n += all->v[i].offset >= from && all->v[i].offset < to;
	if (!n)
		return;
	b->cfg->anns = ARENA_ARRAY(b->cfg->arena, struct cfg_annotation, n);
	TSPoint p = ts_node_start_point(fn);
	uint32_t at = from;
	for (size_t i = 0; i < all->n; i++) {
		const struct annotation *an = &all->v[i];
		if (an->offset < from || an->offset >= to)
			continue;
		for (; at < an->offset; at++)	/* line and column of the annotation */
			if (b->orig[at] == '\n') {
				p.row++;
				p.column = 0;
			} else {
				p.column++;
			}
		const char *name_end = b->orig + an->offset;
		while (is_ident_char((unsigned char)*name_end))
			name_end++;
		b->cfg->anns[b->cfg->nanns++] = (struct cfg_annotation){
			an->kind, an->taken == 1 ? VB_ZERO : an->taken == 2 ? (uint8_t)(VB_ANY & ~VB_ZERO) : 0,
			lockid_lock_key_text(&b->id, b->orig + an->arg, an->arg_len),
			trimmed(b, b->orig + an->arg, an->arg_len),
			arena_strndup(b->cfg->arena, b->orig + an->offset, (size_t)(name_end - (b->orig + an->offset))),
			{p.row + 1, p.column + 1},
		};
	}
}

static TSNode annotated_declaration(const struct parser *p, const struct parsed_file *pf, uint32_t offset);

/* Whether every annotation names its lock through the function's own parameters (or
 * through no parameter of the declaration): a declaration may name them otherwise. */
static bool keys_in_params(const struct builder *b)
{
	for (size_t i = 0; i < b->cfg->nanns; i++) {
		const char *root;
		size_t n = cfg_key_root(b->cfg->anns[i].key, &root), k = 0;
		while (n && k < b->cfg->nparams && !(strlen(b->cfg->params[k]) == n && strncmp(b->cfg->params[k], root, n) == 0))
			k++;
		if (n && k == b->cfg->nparams)
			return false;
	}
	return true;
}

/* A definition is held to the annotations of its declaration earlier in the file too
 * (`static void f(struct r *r) __releases(r->l);`), as sparse holds it: those on locks its
 * own annotations do not name. */
static void declared_annotations(struct builder *b, const struct parser *p, const struct parsed_file *pf, TSNode fn)
{
	for (size_t i = 0; pf->annotated_fn && i < pf->annotations.n; i++) {
		const struct annotation *an = &pf->annotations.v[i];
		if (!pf->annotated_fn[i] || an->offset >= ts_node_start_byte(fn) || strcmp(pf->annotated_fn[i], b->cfg->name) != 0)
			continue;
		TSNode decl = annotated_declaration(p, pf, an->offset);
		if (ts_node_is_null(decl))
			continue;
		struct cfg_annotation *own = b->cfg->anns;
		size_t nown = b->cfg->nanns;
		b->cfg->nanns = 0;
		collect_annotations(b, pf, decl, ts_node_end_byte(decl));
		if (!keys_in_params(b))
			b->cfg->nanns = 0;
		struct cfg_annotation *all = ARENA_ARRAY(b->cfg->arena, struct cfg_annotation, nown + b->cfg->nanns + 1);
		size_t n = 0;
		for (size_t k = 0; k < nown; k++)
			all[n++] = own[k];
		for (size_t k = 0; k < b->cfg->nanns; k++) {
			size_t j = 0;
			while (j < nown && own[j].key != b->cfg->anns[k].key)
				j++;
			if (j == nown)
				all[n++] = b->cfg->anns[k];
		}
		b->cfg->anns = all;
		b->cfg->nanns = n;
		return;
	}
}

struct cfg *cfg_build(struct arena *a, const struct parser *p, const struct parsed_file *pf,
		      size_t fn_index, const struct lockapi *api, bool guess)
{
	TSNode fn = pf->functions[fn_index];
	struct cfg *c = cfg_new(a);
	char name[256];
	c->name = arena_strdup(a, parse_function_name(&p->g, pf->text, fn, name, sizeof(name)));
	c->loc = loc_of(fn);
	c->returns_pointer = node_kind(&p->g, node_field(&p->g, fn, F_declarator)) == NK_pointer_declarator;
	c->is_static = has_static(p, pf, fn);
	c->has_error = ts_node_has_error(fn) && parse_has_serious_error(&p->g, pf->text, fn);
	struct arg_memo memo = {.n = UINT32_MAX};
	struct builder b = {.args = &memo, .cfg = c, .g = &p->g, .text = pf->text, .orig = pf->src->text,
			    .len = pf->src->len, .api = api, .cur = NONE, .guess = guess, .pf = pf};
	TSNode body = node_field(&p->g, fn, F_body);
	b.cur = cfg_block_new(c);	/* block 0 is the entry: before the label scan makes any */
	lockid_init(&b.id, &p->g, pf->text, c, body, label_visit, &b);
	collect_params(&b, fn);
	collect_annotations(&b, pf, fn, ts_node_is_null(body) ? ts_node_start_byte(fn) : ts_node_start_byte(body));
	declared_annotations(&b, p, pf, fn);
	if (!ts_node_is_null(body))
		build_stmt(&b, body);
	if (b.cur != NONE) {	/* falling off the closing brace */
		TSPoint end = ts_node_end_point(fn);
		struct retinfo r = {{end.row + 1, end.column ? end.column : 1}, VB_ANY, NULL, true, false, NULL};
		end_return(&b, r);
	}
	/* Blocks never terminated (labels never placed, unreachable joins) end nowhere. */
	for (uint32_t i = 0; i < c->nblocks; i++)
		if (c->blocks[i]->term == T_GOTO && c->blocks[i]->nsucc == 0)
			c->blocks[i]->term = T_STOP;
	VEC_FREE(&b.labels);
	return c;
}

static TSNode annotated_declaration(const struct parser *p, const struct parsed_file *pf, uint32_t offset)
{
	TSNode n = ts_node_descendant_for_byte_range(ts_tree_root_node(pf->tree), offset, offset);
	for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++, n = ts_node_parent(n)) {
		enum node_kind k = node_kind(&p->g, n);
		if (k == NK_function_definition || k == NK_translation_unit)
			return (TSNode){0};
		if (k == NK_declaration)
			return n;
	}
	return (TSNode){0};
}

struct cfg *cfg_build_prototype(struct arena *a, const struct parser *p, const struct parsed_file *pf,
				uint32_t offset, const struct lockapi *api, uint32_t *start)
{
	TSNode decl = annotated_declaration(p, pf, offset);
	if (ts_node_is_null(decl))
		return NULL;
	*start = ts_node_start_byte(decl);
	struct cfg *c = cfg_new(a);
	char name[256];
	c->name = arena_strdup(a, parse_function_name(&p->g, pf->text, decl, name, sizeof(name)));
	c->loc = loc_of(decl);
	c->is_static = has_static(p, pf, decl);
	struct arg_memo memo = {.n = UINT32_MAX};
	struct builder b = {.args = &memo, .cfg = c, .g = &p->g, .text = pf->text, .orig = pf->src->text,
			    .len = pf->src->len, .api = api, .cur = NONE, .pf = pf};
	lockid_init(&b.id, &p->g, pf->text, c, (TSNode){0}, NULL, NULL);
	collect_params(&b, decl);
	collect_annotations(&b, pf, decl, ts_node_end_byte(decl));
	return c;
}

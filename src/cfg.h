/* cfg: the control-flow graph of one function, in our own types (no TSNode).
 * Takes: built by cfg_build (cfgbuild.c) from a function_definition of a parsed file.
 * Gives: blocks of events ending in one terminator each; block 0 is the entry.
 * Owns: nothing; everything lives in the arena passed to cfg_build (per function).
 *
 * Invariants: every block has exactly one terminator; T_BRANCH has succ[0] = taken when the
 * test is true, succ[1] = when false; strings (keys) are interned in the cfg's string table,
 * so equal keys are equal pointers. */
#ifndef LOCKAUDIT_CFG_H
#define LOCKAUDIT_CFG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "lockapi.h"

struct parser;
struct parsed_file;

struct loc {
	uint32_t line, col;	/* 1-based; col counts bytes, as compilers do */
};

enum event_kind {
	EV_LOCK,	/* a primitive: acquire, release, try, downgrade (effect below) */
	EV_CALL,	/* any other call; result is where its value goes, if anywhere */
	EV_ASSIGN,	/* var is written: facts about it die; value is the class of a literal */
	EV_BREAK,	/* a `break` leaving the loop whose body spans [span_start, span_end) */
};

/* Classes of values a test or a return can see, as a bit set (a set of possibilities). */
enum value_bits {
	VB_ZERO = 1,	/* 0, NULL, false */
	VB_NEG = 2,	/* negative integer (an errno) */
	VB_POS = 4,	/* positive integer, true */
	VB_ERRPTR = 8,	/* ERR_PTR(...) */
	VB_PTR = 16,	/* a valid non-NULL pointer */
	VB_ANY = 31,
};

struct event {
	uint8_t kind;		/* enum event_kind */
	uint8_t effect;		/* EV_LOCK: enum lock_effect (LE_ACQUIRE, LE_RELEASE, LE_TRY, LE_DOWNGRADE) */
	uint8_t mode;		/* EV_LOCK: enum lock_mode */
	uint8_t success;	/* EV_LOCK with LE_TRY: enum try_success */
	uint8_t flags;		/* EV_LOCK: enum lockprim_flags; EV_ASSIGN: value bits of a literal, 0 if none */
	bool scope_exit;	/* EV_LOCK release implied by leaving a guard's scope */
	bool by_address;	/* EV_ASSIGN: &var was passed to a call; the variable may change,
				 * but what it names (the lock `&l` is) stays the same */
	bool loaded;		/* EV_ASSIGN: the value is a field of another object (`o = it->obj`) */
	bool inherited;		/* EV_LOCK made from the summary of a callee that is itself
				 * inconsistent: that callee is reported, not this caller */
	bool loop_step;		/* EV_ASSIGN: a loop moving to its next entry (cursor, i++);
				 * span_start/span_end give the loop */
	struct loc loc;
	struct loc origin;	/* EV_LOCK with scope_exit: where the guard was taken */
	const char *key;	/* EV_LOCK: lock key; EV_ASSIGN: variable key; EV_CALL: callee */
	const char *text;	/* EV_LOCK: lock as written; EV_CALL: call as written */
	const char *result;	/* EV_LOCK try / EV_CALL: key that receives the value, or NULL */
	const char *prim;	/* EV_LOCK: primitive name as called; EV_ASSIGN: the name assigned,
				 * when the value is a lower-case identifier (cb = write_done) */
	const char **args;	/* EV_CALL: each argument as a lock key (&, casts, parens stripped) */
	uint32_t addr_args;	/* EV_CALL: bit i set when argument i was written `&x` */
	uint8_t nargs;		/* EV_CALL */
	const char *field;	/* EV_CALL through a pointer (ops->lookup(...)): the field name */
	uint8_t guess;		/* EV_CALL: enum lock_effect the name suggests (x_lock/x_unlock pairs
				 * in one file), applied when no summary says otherwise; 0xff: none */
	const char *guess_key;	/* EV_CALL with a guess: the lock it would name */
	const char *guess_partner;	/* EV_CALL with a guess: the other half's name (x_unlock for
				 * x_lock); a definition of it anywhere voids the guess */
	uint8_t guess_success;	/* EV_CALL with a guessed take whose value is kept: what success
				 * looks like (x_enter hands back an errno: TS_ZERO) */
	uint32_t span_start, span_end;	/* EV_BREAK: the loop; EV_LOCK: byte offset in span_start */
	uint8_t owner;		/* EV_LOCK: 1 + index of the parameter that names the hold's owner
				 * (a tag the caller passes: rrm_enter(l, RW_READER, tag)), 0 when
				 * the owner is the function itself */
	uint32_t self_args;	/* EV_CALL: bit i set when argument i names the calling function
				 * as an owner (FTAG, NULL) */
	const char *also;	/* EV_LOCK try: a constant it also returns when it took the lock
				 * (lockprim.also: EOWNERDEAD), or NULL */
	const char *source;	/* EV_ASSIGN: the variable the value is read out of or computed
				 * from (`pool` in `mem = pool->mem`, `z` in `p = (char *)z + n`) */
	const char *copy_of;	/* EV_ASSIGN: the member path or variable a plain copy reads
				 * (`page->inode` in `inode = page->inode`), or NULL */
};

enum test_kind {
	TEST_UNKNOWN,	/* both edges feasible, nothing learnt (iterator macros, switch) */
	TEST_TRUTH,	/* key != 0 */
	TEST_NEG,	/* key < 0 */
	TEST_EQ1,	/* key == 1 (a boolean compared with true) */
};

struct test {
	uint8_t kind;		/* enum test_kind */
	struct loc loc;
	const char *key;	/* what is tested, normalised (facts are keyed by it) */
	const char *text;	/* as written, for notes */
};

enum term_kind {
	T_GOTO,		/* succ[0] */
	T_BRANCH,	/* succ[0] if test true, succ[1] if false */
	T_SWITCH,	/* any of succ[0..nsucc) */
	T_RETURN,	/* leaves the function */
	T_STOP,		/* a call that never returns: the path ends, no exit state */
};

struct retinfo {
	struct loc loc;
	uint8_t bits;		/* value class of a literal return (enum value_bits); VB_ANY if unknown */
	const char *var;	/* returned variable's key, whose facts may narrow bits; or NULL */
	bool implicit;		/* falling off the closing brace */
	bool negated;		/* `return -f(...)`: var's value with its sign turned */
	const char *source;	/* what a returned expression reads (`pool` in `return pool->mem;`) */
};

struct block {
	uint32_t id;
	struct event *events;
	uint32_t nevents, cap;
	uint8_t term;		/* enum term_kind */
	uint32_t *succ;
	uint32_t nsucc;
	struct test test;	/* T_BRANCH */
	struct retinfo ret;	/* T_RETURN */
};

/* What an annotation on the function (__acquires(x), ...) says it does to a lock. */
struct cfg_annotation {
	uint8_t kind;		/* enum annotation_kind (macros.h) */
	uint8_t taken;		/* ANN_TRY_ACQUIRES: the value class that says taken (enum value_bits) */
	const char *key;	/* the lock, as a key */
	const char *text;	/* as written */
	const char *name;	/* the annotation macro */
	struct loc loc;
};

/* A local that stands for a lock path (lockid.c finds them). */
struct alias {
	const char *name;	/* interned local variable */
	const char *key;	/* interned lock path it stands for */
	bool address;		/* `l = &t->lock`: l is the lock; else a pointer copy
				 * (`priv = dev->data->dev_private`), so priv->x is dev->...->x */
};

struct cfg {
	const char *name;	/* function name */
	struct loc loc;		/* of the name */
	struct block **blocks;
	uint32_t nblocks, cap;
	bool has_error;		/* the body contains syntax errors */
	bool returns_pointer;	/* declared as returning a pointer */
	bool too_deep;		/* nesting budget hit: no analysis */
	const char **params;	/* interned parameter names, in order ("" when unnamed) */
	size_t nparams;
	uint32_t out_params;	/* bit i: parameter i is declared `T **p` (a result goes out there) */
	uint32_t opaque_params;	/* bit i: parameter i is declared `void *p` or `char *p`, or is a macro's:
				 * a tag handed on as a hold's owner, not an object of its own */
	bool is_static;
	const char **locals;	/* interned names of variables declared in the body */
	const char **opaque_locals;	/* those declared `void *v` or `char *v`: a tag handed on, whose
				 * owner the function cannot tell (`tag = dspp->tag`) */
	size_t nopaque_locals;
	struct alias *aliases;
	size_t naliases;
	bool is_macro;		/* the body of a function-like macro (macrobody.c) */
	struct cfg_annotation *anns;
	size_t nanns;
	size_t nlocals;
	struct strtab *strings;	/* interned keys */
	struct arena *arena;
};

/* Budget: statements nested deeper than this stop the builder (the function is skipped). */
#define CFG_MAX_DEPTH 200

/* Builds the CFG of function definition fn_index of pf.  Never fails: malformed input
 * yields a cfg with too_deep or has_error set. */
struct cfg *cfg_build(struct arena *a, const struct parser *p, const struct parsed_file *pf,
		      size_t fn_index, const struct lockapi *api, bool guess);

/* The declaration (prototype) around the lock annotation at byte offset of pf, outside any
 * definition (`void f(struct s *p) __acquires(&p->lock);`): its name, parameters and
 * annotations, no blocks; NULL if the annotation is not in such a declaration.  *start is
 * where the declaration starts (one cfg per declaration, whatever its annotations). */
struct cfg *cfg_build_prototype(struct arena *a, const struct parser *p, const struct parsed_file *pf,
				uint32_t offset, const struct lockapi *api, uint32_t *start);

/* Construction helpers (used by cfgbuild.c). */
struct cfg *cfg_new(struct arena *a);
uint32_t cfg_block_new(struct cfg *c);
struct event *cfg_event_add(struct cfg *c, uint32_t block);
void cfg_set_succ(struct cfg *c, uint32_t block, const uint32_t *succ, uint32_t n);
const char *cfg_intern(struct cfg *c, const char *s, size_t n);

/* The variable a lock key hangs from (`n` in `n->lock`, `dentry` in
 * `d_inode(dentry->d_parent)`): its length, and *start; 0 for keys with none (rcu, rtnl). */
size_t cfg_key_root(const char *key, const char **start);
/* The part of a key that names the lock apart from the object it hangs from: the set of
 * a set lock (`{SCL_STATE}` in `spa{SCL_STATE}`) or the last field (`done` in `$0->done`);
 * its length, 0 for a bare variable or a call. */
size_t cfg_key_tail(const char *key, const char **start);
/* `*outp = obj;` (or `th->th_cpu = obj;`) hands obj back through the parameter outp (th).
 * For a lock key that is obj (or the lock path obj stands for) or hangs from obj: the
 * parameter's index, with *target the place stored to (`*outp`, `th->th_cpu`), *whole set
 * when the key is obj itself and *root_len the length of obj at the key's start otherwise;
 * -1 when no such store names it. */
int cfg_out_param(struct cfg *c, const char *key, bool *whole, size_t *root_len, const char **target);
/* A conditional lock helper is small: in a long function, paths that joined no longer
 * show which test decided the lock, so the condition would be a guess.  A longer one
 * still counts when it tests a parameter as it is (`if (lockp != NULL)`). */
#define CFG_HELPER_BLOCKS 16
#define CFG_FLAG_HELPER_BLOCKS 256
bool cfg_helper_sized(const struct cfg *c, const char *test_key);
/* Whether a test key tests a parameter as the caller passed it: `flag`, `mode==RW_NONE`,
 * `lockp!=NULL` (a parameter compared with an upper-case constant or a number),
 * `flag&ZHAVELOCK` (a bit of a flags word). */
bool cfg_param_flag(const struct cfg *c, const char *test_key);
/* Who owns a hold whose owner tag is `key` (not FTAG): the caller through parameter i
 * (1 + i) for a `void *` (`char *`) parameter, the function (0) for such a local loaded from
 * elsewhere, or -1: an object that holds it past the call (the zio, the vdev). */
int cfg_tag_owner(const struct cfg *c, const char *key);
/* Whether the key hangs from a variable declared in the function body. */
bool cfg_key_is_local(const struct cfg *c, const char *key);

/* A key written through a local alias, rewritten to the path the alias stands for: the
 * whole key (`l` for `&t->lock`), or its root (`priv->lock` for priv = dev->priv). */
/* The parameter a store writes through: `*lp = ...` or `th->th_cpu = ...`; -1 if none. */
int cfg_stored_through(const struct cfg *c, const char *target);
/* Whether every store to key is of a constant through a parameter (`*overflow = true`,
 * `*locked = 0`) and no test reads it: a value the function hands out, not one its caller
 * hands in; a path that stores nothing leaves the caller's. */
bool cfg_out_flag(const struct cfg *c, const char *key);
/* Whether some path from the entry reaches a return (a function whose every path ends in
 * a call that does not return, or loops for ever, does not). */
bool cfg_may_return(const struct cfg *c);
const char *cfg_resolve_alias(struct cfg *c, const char *key);
/* Every pointer-copy alias named anywhere in key replaced by what it stands for. */
const char *cfg_resolve_aliases_in(struct cfg *c, const char *key);

/* Loops that drain a container: per block, for the test of a loop that takes the next
 * entry by a call (`while ((bpi = list_remove_head(&stack)) != NULL)`) and releases, in
 * its body, a lock named through that entry, the release; NULL for other blocks.  The
 * whole array is NULL when the function has no such test.  In the cfg's arena. */
const struct event **cfg_drain_loops(const struct cfg *c);

void cfg_dump(const struct cfg *c, FILE *out);	/* --dump=cfg */

#endif

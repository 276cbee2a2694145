/* lockapi: lock knowledge as rows of data.
 * Takes: the built-in profiles (profile_*.c, data only) and an optional config file.
 * Gives: a lookup from a called name to its row (what the call does to which argument).
 * Owns: the rows read from a config file (lockapi_free frees them).
 * No primitive name appears anywhere else in the analysis. */
#ifndef LOCKAUDIT_LOCKAPI_H
#define LOCKAUDIT_LOCKAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum lock_effect {
	LE_ACQUIRE,	/* takes the lock unconditionally */
	LE_RELEASE,	/* drops the lock */
	LE_TRY,		/* takes it or not; the return value says which (see success) */
	LE_DOWNGRADE,	/* exclusive -> shared, still held (downgrade_write) */
	LE_GUARD,	/* a guard()/scoped_guard() class: name is the class, not a function */
	LE_NORETURN,	/* the call never returns (BUG, panic, abort): the path ends */
	LE_QUERY,	/* returns non-zero when the calling thread holds the lock: mutex_owned(m) */
	LE_ASSERT,	/* checks argument `arg` and does not return when the check fails:
			 * assert(x) (success TS_NONZERO: returns when x is true), BUG_ON(x)
			 * (TS_ZERO: returns when x is false) */
	LE_SELF_TAG,	/* not a call: a name that, given as a hold's owner (see owner_arg),
			 * means the calling function itself (OpenZFS FTAG) */
};

enum lock_mode {
	LM_EXCLUSIVE,
	LM_SHARED,
};

/* For LE_TRY, and for guard classes that may fail (mutex_try, mutex_intr). */
enum try_success {
	TS_ALWAYS,	/* not conditional */
	TS_ZERO,	/* returns 0 when the lock was taken (mutex_lock_interruptible, pthread_mutex_trylock) */
	TS_NONZERO,	/* returns true/non-zero when taken (spin_trylock, atomic_dec_and_lock) */
};

enum lockprim_flags {
	LP_NESTS = 1,	/* may be taken again while held (rcu_read_lock, read_lock): counts, no double-acquire */
	LP_ANY_MODE = 2,	/* the row fits either mode (pthread_rwlock_unlock, ZFS rw_enter/rw_exit) */
	LP_BLOCKING = 4,	/* a try that fails only on misuse (pthread_mutex_lock): a caller
				 * that ignores the result of a wrapper around it gets the lock */
	LP_COMPARE3 = 8,	/* LE_ASSERT written VERIFY3U(left, op, right): the check is the
				 * comparison of arguments arg and arg + 2 by the operator between */
	LP_RETURNED = 16,	/* in a summary: the function returns a pointer to this very lock
				 * (`return lock;` after trylock(lock)): the caller's variable
				 * that receives it is another name for it */
};

#define LOCKPRIM_NO_ARG (-1)	/* a global lock: its key is the class name (rcu, rtnl, irq) */

struct lockprim {
	const char *name;	/* function (or guard class) name */
	uint8_t effect;		/* enum lock_effect */
	int8_t arg;		/* index of the lock argument, or LOCKPRIM_NO_ARG */
	uint8_t mode;		/* enum lock_mode */
	uint8_t success;	/* enum try_success */
	uint8_t flags;		/* enum lockprim_flags */
	const char *cls;	/* lock class: spinlock, mutex, rwsem, rcu, ...; key of global locks */
	uint8_t also_arg;	/* 1 + index of a second argument that is part of the lock's identity
				 * (spa_config_enter's lock set, bit_spin_lock's bit), 0 if none */
	uint8_t owner_arg;	/* 1 + index of the argument that names who holds it (OpenZFS tags:
				 * spa_config_enter(spa, SCL_X, tag, rw)), 0 if none.  A hold whose
				 * owner is neither the function (a LE_SELF_TAG name) nor one of its
				 * parameters belongs to that object, whose life is not the call's:
				 * an I/O holds it until its completion drops it */
	const char *field;	/* the lock is this field of the object the argument points to
				 * (FreeBSD prison_free_locked(pr) drops pr->pr_mtx), or NULL */
	const char *also;	/* LE_TRY: a constant the call also returns when it took the lock
				 * (a robust mutex whose owner died: EOWNERDEAD), or NULL.
				 * LE_NORETURN with an arg: the constants of that argument that
				 * end the path, joined by '|' (elog's ERROR|FATAL|PANIC) */
};

struct profile {
	const char *name;
	const struct lockprim *rows;
	size_t nrows;
};

/* The built-in profiles, defined in profile_*.c. */
extern const struct profile profile_linux;
extern const struct profile profile_pthread;
extern const struct profile profile_dpdk;
extern const struct profile profile_zfs;
extern const struct profile profile_postgres;

struct lockapi;

/* names: comma-separated profile names ("linux,pthread"); NULL means all built-in ones.
 * Returns NULL and writes a message to err on an unknown profile name. */
struct lockapi *lockapi_new(const char *names, char *err, size_t errlen);
/* Adds rows from a config file (format: docs/config.md).  False and a message on error. */
bool lockapi_load_config(struct lockapi *api, const char *path, char *err, size_t errlen);
void lockapi_free(struct lockapi *api);
/* A tree that renames one primitive to another (`#define mutex_trylock(x)
 * pthread_mutex_trylock(x)`): name takes other's row (effect, argument, success convention),
 * for this run.  False when either is not a row. */
bool lockapi_alias(struct lockapi *api, const char *name, const char *other);

/* A function call's row (never a guard class), or NULL. */
const struct lockprim *lockapi_call(const struct lockapi *api, const char *name);
/* Whether name, passed as a hold's owner, means the calling function (a selftag row). */
bool lockapi_self_tag(const struct lockapi *api, const char *name);
/* A guard class's row (guard(NAME), scoped_guard(NAME, ...)), or NULL. */
const struct lockprim *lockapi_guard(const struct lockapi *api, const char *cls);
void lockapi_dump(const struct lockapi *api, FILE *out);	/* --dump=primitives */
size_t lockapi_count(const struct lockapi *api);
const struct lockprim *lockapi_row(const struct lockapi *api, size_t i);	/* i < lockapi_count */

const char *lock_effect_name(enum lock_effect e);

#endif

/* profile_zfs: OpenZFS's SPL locks (kmutex_t, krwlock_t), its own composite
 * locks (spa_config, dsl_pool_config, rrwlock, rrmlock) and its noreturn calls.
 * Data only; columns as in profile_linux.c.
 * rw_enter(lock, RW_READER|RW_WRITER) picks the mode at run time, which one row
 * cannot say: those rows are LP_ANY_MODE (mode left exclusive). */
#include "lockapi.h"
#include "util.h"

#define NOARG LOCKPRIM_NO_ARG

static const struct lockprim rows[] = {
	{ "mutex_enter",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "kmutex", 0, 0, NULL, NULL },
	{ "mutex_enter_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "kmutex", 0, 0, NULL, NULL },
	{ "mutex_exit",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "kmutex", 0, 0, NULL, NULL },
	{ "mutex_tryenter",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "kmutex", 0, 0, NULL, NULL },
	/* 0 once locked, an error after a signal (libspl: mutex_enter_check_return) */
	{ "mutex_enter_interruptible",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "kmutex", 0, 0, NULL, NULL },
	{ "mutex_enter_check_return",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "kmutex", 0, 0, NULL, NULL },

	{ "rw_enter",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_enter_nolockdep",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_exit",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_exit_nolockdep",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_tryenter",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_tryenter_nolockdep",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_ANY_MODE, "krwlock", 0, 0, NULL, NULL },
	{ "rw_downgrade",			LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "krwlock", 0, 0, NULL, NULL },
	{ "rw_downgrade_nolockdep",		LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "krwlock", 0, 0, NULL, NULL },

	/* spa_config_enter(spa, locks, tag, rw): a set of locks chosen by a bitmask argument
	 * (the second one, part of the lock's identity); readers of the same set nest.
	 * The last column, here and below, is the tag argument: who holds it.  FTAG means
	 * the calling function; another tag (`zio`, `vd`, the spa) is an object that holds
	 * the lock until some other code, often a completion, drops it. */
	{ "FTAG",				LE_SELF_TAG,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "spa_config_enter",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE | LP_NESTS, "spa_config", 2, 3, NULL, NULL },
	{ "spa_config_enter_priority",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE | LP_NESTS, "spa_config", 2, 3, NULL, NULL },
	{ "spa_config_exit",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "spa_config", 2, 3, NULL, NULL },
	{ "spa_config_tryenter",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_ANY_MODE | LP_NESTS, "spa_config", 2, 3, NULL, NULL },

	/* spa_vdev_state_enter(spa, oplocks) takes a mask of config locks it computes and
	 * saves in spa->spa_vdev_locks, which spa_vdev_state_exit releases: one lock per spa
	 * to its callers (the mask cannot be followed through the saved field). */
	{ "spa_vdev_state_enter",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spa_vdev_state", 0, 0, NULL, NULL },
	{ "spa_vdev_state_exit",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spa_vdev_state", 0, 0, NULL, NULL },

	/* The pool config lock is only ever taken as a reader through these */
	{ "dsl_pool_config_enter",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "dsl_pool_config", 0, 2, NULL, NULL },
	{ "dsl_pool_config_enter_prio",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "dsl_pool_config", 0, 2, NULL, NULL },
	{ "dsl_pool_config_exit",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "dsl_pool_config", 0, 2, NULL, NULL },

	{ "rrw_enter",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "rrwlock", 0, 3, NULL, NULL },
	{ "rrw_enter_read",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rrwlock", 0, 2, NULL, NULL },
	{ "rrw_enter_read_prio",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rrwlock", 0, 2, NULL, NULL },
	{ "rrw_enter_write",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rrwlock", 0, 0, NULL, NULL },
	{ "rrw_exit",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "rrwlock", 0, 2, NULL, NULL },
	{ "rrm_enter",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "rrmlock", 0, 3, NULL, NULL },
	{ "rrm_enter_read",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rrmlock", 0, 2, NULL, NULL },
	{ "rrm_enter_write",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rrmlock", 0, 0, NULL, NULL },
	{ "rrm_exit",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "rrmlock", 0, 2, NULL, NULL },

	/* FreeBSD kernel locks that OpenZFS's FreeBSD half takes directly or through its
	 * macros (ZFS_TEARDOWN_ENTER_READ is rms_rlock there): rmslock, sx, rwlock(9).
	 * mtx_lock/mtx_unlock come with the pthread profile's C11 rows. */
	{ "rms_rlock",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rmslock", 0, 0, NULL, NULL },
	{ "rms_runlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rmslock", 0, 0, NULL, NULL },
	{ "rms_wlock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rmslock", 0, 0, NULL, NULL },
	{ "rms_wunlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rmslock", 0, 0, NULL, NULL },
	{ "rms_unlock",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "rmslock", 0, 0, NULL, NULL },
	{ "sx_xlock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sx", 0, 0, NULL, NULL },
	{ "sx_slock",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "sx", 0, 0, NULL, NULL },
	{ "sx_xunlock",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sx", 0, 0, NULL, NULL },
	{ "sx_sunlock",				LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "sx", 0, 0, NULL, NULL },
	{ "sx_unlock",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "sx", 0, 0, NULL, NULL },
	{ "sx_try_xlock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "sx", 0, 0, NULL, NULL },
	{ "sx_try_slock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, LP_NESTS, "sx", 0, 0, NULL, NULL },
	{ "rw_rlock",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock9", 0, 0, NULL, NULL },
	{ "rw_wlock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock9", 0, 0, NULL, NULL },
	{ "rw_runlock",				LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwlock9", 0, 0, NULL, NULL },
	{ "rw_wunlock",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock9", 0, 0, NULL, NULL },
	/* jail(9): a prison's reference dropped with its mutex held, which the call unlocks */
	{ "prison_free_locked",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mtx", 0, 0, "pr_mtx", NULL },

	/* Calls that end the path.  PANIC() and the failing side of VERIFY()
	 * reach spl_panic() (kernel) or libspl_assertf() (user space); spl_assert()
	 * and libspl_assert() are the helpers VERIFY() calls.  libspl_assertf can
	 * return when assertions are switched off (zdb -A): we treat it as noreturn. */
	{ "panic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "vpanic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "PANIC",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "VERIFY",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "", 0, 0, NULL, NULL },
	{ "ASSERT",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "", 0, 0, NULL, NULL },
	{ "VERIFY0",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_ZERO,   0, "", 0, 0, NULL, NULL },
	{ "ASSERT0",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_ZERO,   0, "", 0, 0, NULL, NULL },
	/* VERIFY3B(dbuf_undirty(db, tx), ==, B_FALSE): returns when the comparison holds */
	{ "VERIFY3B",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "VERIFY3S",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "VERIFY3U",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "VERIFY3P",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "ASSERT3B",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "ASSERT3S",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "ASSERT3U",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	{ "ASSERT3P",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, LP_COMPARE3, "", 0, 0, NULL, NULL },
	/* Ownership tests: true exactly when this thread holds the lock. */
	{ "mutex_owned",			LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mutex", 0, 0, NULL, NULL },
	{ "MUTEX_HELD",				LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mutex", 0, 0, NULL, NULL },
	{ "RW_WRITE_HELD",			LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "rw", 0, 0, NULL, NULL },
	{ "RW_LOCK_HELD",			LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "rw", 0, 0, NULL, NULL },
	{ "dsl_pool_config_held",		LE_QUERY,	0, LM_SHARED,    TS_ALWAYS, LP_ANY_MODE, "dsl_pool_config", 0, 0, NULL, NULL },
	{ "dsl_pool_config_held_writer",	LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "dsl_pool_config", 0, 0, NULL, NULL },
	{ "spl_panic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "spl_assert",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "libspl_assertf",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "libspl_assert",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "thread_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "spl_thread_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
};

const struct profile profile_zfs = { "zfs", rows, countof(rows) };

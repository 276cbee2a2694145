/* profile_pthread: POSIX threads, C11 <threads.h> and stdio locks, plus the
 * C library's noreturn calls.  Data only; columns as in profile_linux.c.
 * Every try form here reports success with 0 (an errno value or thrd_busy
 * otherwise), unlike the kernel's trylocks.
 *
 * The blocking forms return 0 or an error code too, and careful callers test it
 * (`if (pthread_mutex_lock(&m)) return;`): they are try rows with success 0.  A call whose
 * result is not tested is an acquire, so nothing changes for the usual unchecked call.
 * A robust mutex whose owner died is taken all the same, with EOWNERDEAD (also=). */
#include "lockapi.h"
#include "util.h"

#define NOARG LOCKPRIM_NO_ARG

static const struct lockprim rows[] = {
	{ "pthread_mutex_lock",			LE_TRY,	0, LM_EXCLUSIVE, TS_ZERO, LP_BLOCKING, "pthread_mutex", 0, 0, NULL, "EOWNERDEAD" },
	{ "pthread_mutex_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "pthread_mutex", 0, 0, NULL, NULL },
	{ "pthread_mutex_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_mutex", 0, 0, NULL, "EOWNERDEAD" },
	{ "pthread_mutex_timedlock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_mutex", 0, 0, NULL, "EOWNERDEAD" },
	{ "pthread_mutex_clocklock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_mutex", 0, 0, NULL, "EOWNERDEAD" },

	/* A thread may hold several read locks on one rwlock (POSIX), so the
	 * read side nests.  pthread_rwlock_unlock() drops whichever mode is held. */
	{ "pthread_rwlock_rdlock",		LE_TRY,	0, LM_SHARED,    TS_ZERO, LP_NESTS | LP_BLOCKING, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_tryrdlock",		LE_TRY,		0, LM_SHARED,    TS_ZERO,   LP_NESTS, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_timedrdlock",		LE_TRY,		0, LM_SHARED,    TS_ZERO,   LP_NESTS, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_clockrdlock",		LE_TRY,		0, LM_SHARED,    TS_ZERO,   LP_NESTS, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_wrlock",		LE_TRY,	0, LM_EXCLUSIVE, TS_ZERO, LP_BLOCKING, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_trywrlock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_timedwrlock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_clockwrlock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_rwlock", 0, 0, NULL, NULL },
	{ "pthread_rwlock_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "pthread_rwlock", 0, 0, NULL, NULL },

	{ "pthread_spin_lock",			LE_TRY,	0, LM_EXCLUSIVE, TS_ZERO, LP_BLOCKING, "pthread_spin", 0, 0, NULL, NULL },
	{ "pthread_spin_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "pthread_spin", 0, 0, NULL, NULL },
	{ "pthread_spin_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "pthread_spin", 0, 0, NULL, NULL },

	/* C11: thrd_success is 0 */
	{ "mtx_lock",				LE_TRY,	0, LM_EXCLUSIVE, TS_ZERO, LP_BLOCKING, "mtx", 0, 0, NULL, NULL },
	{ "mtx_unlock",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mtx", 0, 0, NULL, NULL },
	{ "mtx_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "mtx", 0, 0, NULL, NULL },
	{ "mtx_timedlock",			LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   0, "mtx", 0, 0, NULL, NULL },

	/* stdio stream locks are recursive: they count */
	{ "flockfile",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "file", 0, 0, NULL, NULL },
	{ "funlockfile",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "file", 0, 0, NULL, NULL },
	{ "ftrylockfile",			LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,   LP_NESTS, "file", 0, 0, NULL, NULL },

	/* Calls that end the path (no lock, so no class). */
	{ "abort",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "assert",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "", 0, 0, NULL, NULL },
	{ "exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "_Exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "quick_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "__assert_fail",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "__builtin_unreachable",		LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "__builtin_trap",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "pthread_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "thrd_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
};

const struct profile profile_pthread = { "pthread", rows, countof(rows) };

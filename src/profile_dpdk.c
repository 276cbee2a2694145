/* profile_dpdk: DPDK's EAL locks (rte_spinlock.h, rte_rwlock.h, rte_mcslock.h,
 * rte_ticketlock.h, rte_seqlock.h, rte_pflock.h) and its noreturn calls.
 * Data only; columns as in profile_linux.c.
 * Mind the trylock conventions: the spinlock, mcslock and ticketlock forms
 * return 1 when taken, but rte_rwlock_*_trylock return 0 (or -EBUSY). */
#include "lockapi.h"
#include "util.h"

#define NOARG LOCKPRIM_NO_ARG

static const struct lockprim rows[] = {
	{ "rte_spinlock_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_spinlock", 0, 0, NULL, NULL },
	{ "rte_spinlock_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_spinlock", 0, 0, NULL, NULL },
	{ "rte_spinlock_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rte_spinlock", 0, 0, NULL, NULL },
	{ "rte_spinlock_lock_tm",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_spinlock", 0, 0, NULL, NULL },
	{ "rte_spinlock_unlock_tm",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_spinlock", 0, 0, NULL, NULL },
	{ "rte_spinlock_trylock_tm",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rte_spinlock", 0, 0, NULL, NULL },

	/* Recursive locks: the owner may take them again */
	{ "rte_spinlock_recursive_lock",	LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },
	{ "rte_spinlock_recursive_unlock",	LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },
	{ "rte_spinlock_recursive_trylock",	LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },
	{ "rte_spinlock_recursive_lock_tm",	LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },
	{ "rte_spinlock_recursive_unlock_tm",	LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },
	{ "rte_spinlock_recursive_trylock_tm",	LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_NESTS, "rte_spinlock_recursive", 0, 0, NULL, NULL },

	{ "rte_rwlock_read_lock",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_read_unlock",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_read_trylock",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_read_lock_tm",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_read_unlock_tm",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_write_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_write_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_write_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_write_lock_tm",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },
	{ "rte_rwlock_write_unlock_tm",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_rwlock", 0, 0, NULL, NULL },

	/* rte_mcslock_lock(msl, me): the lock is msl; me is this thread's queue node */
	{ "rte_mcslock_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_mcslock", 0, 0, NULL, NULL },
	{ "rte_mcslock_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_mcslock", 0, 0, NULL, NULL },
	{ "rte_mcslock_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rte_mcslock", 0, 0, NULL, NULL },

	{ "rte_ticketlock_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_ticketlock", 0, 0, NULL, NULL },
	{ "rte_ticketlock_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_ticketlock", 0, 0, NULL, NULL },
	{ "rte_ticketlock_trylock",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rte_ticketlock", 0, 0, NULL, NULL },
	{ "rte_ticketlock_recursive_lock",	LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_ticketlock_recursive", 0, 0, NULL, NULL },
	{ "rte_ticketlock_recursive_unlock",	LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_NESTS, "rte_ticketlock_recursive", 0, 0, NULL, NULL },
	{ "rte_ticketlock_recursive_trylock",	LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_NESTS, "rte_ticketlock_recursive", 0, 0, NULL, NULL },

	/* Only the seqlock's write side is a lock; readers retry instead */
	{ "rte_seqlock_write_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_seqlock", 0, 0, NULL, NULL },
	{ "rte_seqlock_write_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_seqlock", 0, 0, NULL, NULL },

	{ "rte_pflock_read_lock",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_pflock", 0, 0, NULL, NULL },
	{ "rte_pflock_read_unlock",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rte_pflock", 0, 0, NULL, NULL },
	{ "rte_pflock_write_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_pflock", 0, 0, NULL, NULL },
	{ "rte_pflock_write_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rte_pflock", 0, 0, NULL, NULL },

	/* rte_panic() is a macro over __rte_panic(); both may be seen */
	{ "rte_panic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "RTE_VERIFY",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "", 0, 0, NULL, NULL },
	{ "RTE_ASSERT",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "", 0, 0, NULL, NULL },
	{ "__rte_panic",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "rte_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
};

const struct profile profile_dpdk = { "dpdk", rows, countof(rows) };

/* profile_postgres: PostgreSQL's lightweight locks and spinlocks, and the error reports
 * that do not return.  Data only; columns as in profile_linux.c.
 * LWLockAcquire(lock, LW_SHARED|LW_EXCLUSIVE) picks the mode at run time: those rows are
 * LP_ANY_MODE.  elog()/ereport() at ERROR or above jump to the transaction's abort,
 * which releases every LWLock (LWLockReleaseAll): the path ends there.  Heavyweight
 * locks (LockRelationOid) are held to the end of the transaction, not of a function,
 * and buffer content locks (LockBuffer) take or drop by their mode argument: neither is
 * here. */
#include "lockapi.h"
#include "util.h"

#define NOARG LOCKPRIM_NO_ARG

static const struct lockprim rows[] = {
	{ "LWLockAcquire",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "LWLock", 0, 0, NULL, NULL },
	{ "LWLockConditionalAcquire",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_ANY_MODE, "LWLock", 0, 0, NULL, NULL },
	/* true: acquired; false: waited until it was free, without taking it */
	{ "LWLockAcquireOrWait",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, LP_ANY_MODE, "LWLock", 0, 0, NULL, NULL },
	{ "LWLockRelease",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "LWLock", 0, 0, NULL, NULL },
	{ "LWLockReleaseClearVar",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  LP_ANY_MODE, "LWLock", 0, 0, NULL, NULL },

	{ "SpinLockAcquire",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "slock", 0, 0, NULL, NULL },
	{ "SpinLockRelease",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "slock", 0, 0, NULL, NULL },

	{ "elog",				LE_NORETURN,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, "ERROR|FATAL|PANIC" },
	{ "ereport",				LE_NORETURN,	0, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, "ERROR|FATAL|PANIC" },
	{ "proc_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "pg_unreachable",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
};

const struct profile profile_postgres = { "postgres", rows, countof(rows) };

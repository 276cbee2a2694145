/* PostgreSQL: lightweight locks taken in a mode, spinlocks, and error reports at ERROR or
 * above that do not return (the abort releases every LWLock). */

typedef struct LWLock LWLock;
typedef struct slot {
	slock_t mutex;
	int count;
} Slot;

extern LWLock *ProcArrayLock;
int lookup_entry(int key);

/* Correct: the error report ends the path; the abort releases the lock. */
int find_ok(int key)
{
	int n;

	LWLockAcquire(ProcArrayLock, LW_SHARED);
	n = lookup_entry(key);
	if (n < 0)
		elog(ERROR, "entry %d not found", key);
	LWLockRelease(ProcArrayLock);
	return n;
}

/* Bug: a report below ERROR returns, and so does the function, with the lock held. */
int find_bug(int key)
{
	int n;

	LWLockAcquire(ProcArrayLock, LW_EXCLUSIVE);
	n = lookup_entry(key);
	if (n < 0) {
		elog(LOG, "entry %d not found", key);
		return -1; /* expect: inconsistent-return */
	}
	LWLockRelease(ProcArrayLock);
	return n;
}

/* Correct: a conditional acquire, released only when it was taken. */
bool try_bump(Slot *s)
{
	if (!LWLockConditionalAcquire(ProcArrayLock, LW_EXCLUSIVE))
		return false;
	SpinLockAcquire(&s->mutex);
	s->count++;
	SpinLockRelease(&s->mutex);
	LWLockRelease(ProcArrayLock);
	return true;
}

/* Bug: the spinlock is kept on the early return. */
int bump_bug(Slot *s, int limit)
{
	SpinLockAcquire(&s->mutex);
	if (s->count >= limit)
		return -1; /* expect: inconsistent-return */
	s->count++;
	SpinLockRelease(&s->mutex);
	return 0;
}

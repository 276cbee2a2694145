/* A lock function whose timeout argument picks between blocking and trying: a caller that
 * passes a constant chose the way (-1: wait for ever), one that passes a variable did not
 * and must look at the result. */
struct dev { pthread_mutex_t *lock; int state; };

int dev_lock(struct dev *d, int timeout)
{
	if (timeout < 0)
		return pthread_mutex_lock(d->lock);
	return pthread_mutex_trylock(d->lock);
}

void dev_unlock(struct dev *d)
{
	pthread_mutex_unlock(d->lock);
}

/* Correct: waits for the lock. */
void dev_reset_ok(struct dev *d)
{
	dev_lock(d, -1);
	d->state = 0;
	dev_unlock(d);
}

/* Bug: with a timeout of 0 the try may fail, and the unlock runs anyway. */
void dev_reset_bug(struct dev *d, int timeout)
{
	dev_lock(d, timeout); /* expect: unchecked-lock-result */
	d->state = 0;
	dev_unlock(d); /* expect: release-unheld */
}

/* A lock helper that gives up only when asked not to wait: called with a constant
 * (`false`), the caller chose the way that takes the lock, so its result need not be
 * tested (which constant picks which way is not known: any constant counts). */
struct entry_ref {
	struct { LWLock lock; } *shared;
};

bool entry_lock(struct entry_ref *ref, bool nowait)
{
	LWLock *lock = &ref->shared->lock;

	if (nowait)
		return LWLockConditionalAcquire(lock, LW_EXCLUSIVE);
	LWLockAcquire(lock, LW_EXCLUSIVE);
	return true;
}

void entry_update_ok(struct entry_ref *ref)
{
	entry_lock(ref, false);
	LWLockRelease(&ref->shared->lock);
}

/* Bug: the caller passes its own flag on, and may not get the lock. */
void entry_update_bug(struct entry_ref *ref, bool nowait)
{
	entry_lock(ref, nowait); /* expect: unchecked-lock-result */
	LWLockRelease(&ref->shared->lock); /* expect: release-unheld */
}

/* Unlock helpers that skip the release when the lock's pointer is NULL: whoever holds the
 * lock passes a non-NULL one, so the skipped way is not a lock left held by a caller. */
struct adapter { pthread_mutex_t *lock; int busy; };

/* Correct: 0 or the unlock's error, -EINVAL for an adapter without a lock. */
int adapter_unlock(struct adapter *a)
{
	int ret = -EINVAL;

	if (a && a->lock)
		ret = pthread_mutex_unlock(a->lock);
	return ret;
}

/* Bug: skips the release when the adapter is busy, not only when there is no lock. */
int adapter_unlock_bug(struct adapter *a)
{
	int ret = -EINVAL;

	if (a && a->lock && !a->busy)
		ret = pthread_mutex_unlock(a->lock); /* expect: release-unheld */
	return ret;
}

/* Correct: a caller pairing the helper with the lock. */
int adapter_poke(struct adapter *a)
{
	if (pthread_mutex_lock(a->lock) != 0)
		return -EBUSY;
	a->busy = 0;
	return adapter_unlock(a);
}

/* Correct: a NULL lock is nothing to drop; a test between the NULL test and the drops
 * only picks the value handed back. */
int lock_drop(pthread_mutex_t *m, int busy)
{
	if (!m)
		return 0;
	if (busy) {
		pthread_mutex_unlock(m);
		return 1;
	}
	pthread_mutex_unlock(m);
	return 0;
}

/* Bug: a busy caller keeps its lock, although it is not NULL. */
int lock_drop_bug(pthread_mutex_t *m, int busy)
{
	if (!m)
		return 0;
	if (busy)
		return 1;
	pthread_mutex_unlock(m); /* expect: release-unheld */
	return 0;
}

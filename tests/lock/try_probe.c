/* A test worker that tries a lock the main thread holds: the try is expected to fail, and
 * on success the function does nothing under the lock.  It probes the lock, it does not
 * use it, so returning with it held on that way is not reported. */
static spinlock_t sl, sl_try;
static int count;

/* Correct (a probe): nothing runs under the lock. */
int try_probe(void *arg)
{
	if (spin_trylock(&sl_try) == 0) {
		spin_lock(&sl);
		count++;
		spin_unlock(&sl);
	}
	return 0;
}

/* Bug: the try succeeds, the work is done under the lock, and it is never dropped. */
int try_work_bug(void *arg)
{
	if (spin_trylock(&sl_try)) {
		count++;
	}
	return 0; /* expect: inconsistent-return */
}

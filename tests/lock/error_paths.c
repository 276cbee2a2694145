/* Shapes of real lock-fix commits, written for these tests. */

/* Positive errnos (OpenZFS style): the error return keeps the lock. */
int load_bug(struct slab *ms)
{
	int error;

	mutex_enter(&ms->ms_sync_lock);
	error = space_map_load(ms);
	if (error != 0)
		return (error); /* expect: inconsistent-return */
	mutex_exit(&ms->ms_sync_lock);
	return (0);
}

int load_ok(struct slab *ms)
{
	int error;

	mutex_enter(&ms->ms_sync_lock);
	error = space_map_load(ms);
	mutex_exit(&ms->ms_sync_lock);
	return (error);
}

/* The function only takes the lock, and one error path forgets to give it back. */
int attach_bug(struct arr *a)
{
	if (check(a))
		return -1;
	rte_spinlock_lock(&a->lock);
	if (map(a))
		goto fail;
	return 0;
fail:
	return -1; /* expect: inconsistent-return */
}

/* A counter bumped inside the target of an assignment is written. */
int flush_ok(struct tbl *t, int n)
{
	int rc = 0, cnt = 0, i;

	rte_spinlock_lock(&t->lock);
	for (i = 0; i < n; i++)
		t->ids[cnt++] = i;
	if (!cnt)
		goto out;
	rc = update(t);
	if (!rc) {
		rte_spinlock_unlock(&t->lock);
		return 0;
	}
	rte_spinlock_unlock(&t->lock);
out:
	return rc; /* expect: inconsistent-return */
}

/* The only way out of the loop is the break, with the lock held. */
void *poll_thread_bug(void *arg)
{
	struct ctx *c = arg;

	while (1) {
		pthread_mutex_lock(&c->lock);
		if (poll_queue(c) < 0)
			break; /* expect: held-at-break */
		pthread_mutex_unlock(&c->lock);
		work(c);
	}
	return NULL;
}

/* Booleans spelled B_TRUE/B_FALSE decide the later test. */
void open_ok(struct zv *zv, int cond)
{
	boolean_t drop = B_FALSE;

	if (cond) {
		rw_enter(&zv->suspend_lock, RW_READER);
		drop = B_TRUE;
	}
	zv->opens++;
	if (drop)
		rw_exit(&zv->suspend_lock);
}

/* A function whose name starts like a DPDK attribute macro is still a function. */
static inline int __rte_tbl_add(struct tbl *t, int key)
{
	rte_spinlock_lock(&t->lock);
	if (lookup(t, key))
		return key; /* expect: inconsistent-return */
	rte_spinlock_unlock(&t->lock);
	return 0;
}

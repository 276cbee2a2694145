/* Lock annotations (sparse's __acquires/__releases/__must_hold, DPDK's lock-function
 * attributes) are promises to the callers: a return that breaks one is reported. */

void tbl_lock_ok(struct tbl *t) __acquires(&t->lock)
{
	spin_lock(&t->lock);
}

int tbl_lock_bug(struct tbl *t) __acquires(&t->lock)
{
	if (t->dead)
		return -ENODEV; /* expect: annotation-mismatch */
	spin_lock(&t->lock);
	return 0;
}

void tbl_unlock_ok(struct tbl *t) __releases(&t->lock)
{
	t->gen++;
	spin_unlock(&t->lock);
}

/* Must hold: called with the lock, returns with it; the early return forgot to take it back. */
int tbl_resize_bug(struct tbl *t, int n) __must_hold(&t->lock)
{
	void *p;

	spin_unlock(&t->lock);
	p = kmalloc(n, GFP_KERNEL);
	if (!p)
		return -ENOMEM; /* expect: annotation-mismatch */
	spin_lock(&t->lock);
	t->slots = p;
	return 0;
}

int tbl_resize_ok(struct tbl *t, int n) __must_hold(&t->lock)
{
	void *p;

	spin_unlock(&t->lock);
	p = kmalloc(n, GFP_KERNEL);
	spin_lock(&t->lock);
	if (!p)
		return -ENOMEM;
	t->slots = p;
	return 0;
}

/* DPDK's spelling. */
static void
pool_lock(struct pool *p) __rte_exclusive_lock_function(&p->lock)
{
	rte_spinlock_lock(&p->lock);
}

/* The caller sees the annotation's effect: pool_lock takes p->lock. */
int pool_take_bug(struct pool *p)
{
	pool_lock(p);
	if (!p->free)
		return -1; /* expect: inconsistent-return */
	p->free--;
	rte_spinlock_unlock(&p->lock);
	return 0;
}

/* clang's spelling (thread-safety analysis attributes). */
void buf_lock(struct buf *b) __attribute__((acquire_capability(b->mu)));
void buf_lock(struct buf *b) __attribute__((acquire_capability(b->mu)))
{
	if (b->dead)
		return; /* expect: annotation-mismatch */
	pthread_mutex_lock(&b->mu);
}

void buf_unlock(struct buf *b) __attribute__((release_capability(b->mu)))
{
	pthread_mutex_unlock(&b->mu);
}

/* A lookup that returns with the table lock held whether or not it found the entry, except
 * when the entry is over its reference limit: then it drops the lock, returns NULL and says
 * so through the `bool *overflow` its caller passed.  NULL comes back both ways; the flag
 * tells them apart. */

struct entry {
	int refs;
};

struct table {
	pthread_mutex_t lock;
};

struct entry *find_entry(struct table *t, int key);
void use_entry(struct entry *e);

struct entry *lookup_locked(struct table *t, int key, bool *overflow)
{
	struct entry *e;

	pthread_mutex_lock(&t->lock);
	e = find_entry(t, key);
	if (e && e->refs > 100) {
		pthread_mutex_unlock(&t->lock);
		*overflow = true;
		return NULL;
	}
	*overflow = false;
	return e;
}

/* Correct: the flag says the lock is gone; otherwise it is held, found or not.  What the
 * caller put in the flag before the call does not matter. */
int get_ok(struct table *t, int key)
{
	bool overflow = false;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (overflow)
		return -1;
	if (e)
		use_entry(e);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Bug: a miss returns with the lock still held. */
int get_bug(struct table *t, int key)
{
	bool overflow;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (overflow)
		return -1;
	if (!e)
		return -2; /* expect: inconsistent-return */
	use_entry(e);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Bug: the overflow way has dropped the lock already. */
int get_unlock_bug(struct table *t, int key)
{
	bool overflow;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (e)
		use_entry(e);
	pthread_mutex_unlock(&t->lock); /* expect: release-unheld */
	return overflow ? -1 : 0;
}

/* The other convention: the callee may drop the caller's lock (to wait for I/O), and then
 * clears the `int *locked` the caller passed; on its other ways it leaves it alone.  The
 * caller unlocks only while its flag still says it holds the lock. */
struct mm {
	struct rw_semaphore mmap_lock;
};

long fault_in(struct mm *mm, unsigned long addr);

static long pin_pages(struct mm *mm, unsigned long addr, int *locked)
{
	long ret = fault_in(mm, addr);

	if (ret == -EAGAIN) {
		mmap_read_unlock(mm);
		*locked = 0;
		return 0;
	}
	return ret;
}

long pin_ok(struct mm *mm, unsigned long addr)
{
	int locked = 1;
	long ret;

	mmap_read_lock(mm);
	ret = pin_pages(mm, addr, &locked);
	if (locked)
		mmap_read_unlock(mm);
	return ret;
}

/* Bug: unlocks after the callee may have dropped the lock. */
long pin_bug(struct mm *mm, unsigned long addr)
{
	int locked = 1;
	long ret;

	mmap_read_lock(mm);
	ret = pin_pages(mm, addr, &locked);
	mmap_read_unlock(mm); /* expect: double-release */
	return ret;
}

/* Bug: a second way drops the lock without telling the caller. */
static long pin_pages_bug(struct mm *mm, unsigned long addr, int *locked)
{
	long ret = fault_in(mm, addr);

	if (ret == -EAGAIN) {
		mmap_read_unlock(mm);
		*locked = 0;
		return 0;
	}
	if (ret == -EINTR)
		mmap_read_unlock(mm);
	return ret; /* expect: inconsistent-return */
}

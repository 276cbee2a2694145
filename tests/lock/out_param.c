/* A lock handed back through an out-parameter: `*lp = l;` with l->l_lock held.  Callers
 * know the lock by their own variable (`&leaf` passed) and must release it. */
struct leaf { rwlock_t l_lock; int l_next; };
struct leaf *leaf_cache_get(int blk);
struct leaf *leaf_read(int blk);

/* Correct: 0 with *lp locked, an error with nothing held. */
static int leaf_get(int blk, int write, struct leaf **lp)
{
	struct leaf *l = leaf_cache_get(blk);

	if (l == NULL)
		return (ENOENT);
	if (write)
		write_lock(&l->l_lock);
	else
		read_lock(&l->l_lock);
	*lp = l;
	return (0);
}

/* Correct: passes its own out-parameter down. */
static int leaf_deref(int hash, int write, struct leaf **lp)
{
	int blk = hash >> 4;

	return (leaf_get(blk, write, lp));
}

/* Correct: every path that got the leaf unlocks it. */
int cursor_move(int hash)
{
	struct leaf *l;
	int err = leaf_deref(hash, 0, &l);

	if (err != 0)
		return (err);
	if (l->l_next < 0) {
		read_unlock(&l->l_lock);
		return (EINVAL);
	}
	read_unlock(&l->l_lock);
	return (0);
}

/* Bug: the early return after a successful lookup keeps the leaf locked. */
int cursor_move_bug(int hash)
{
	struct leaf *l;
	int err = leaf_deref(hash, 0, &l);

	if (err != 0)
		return (err);
	if (l->l_next < 0)
		return (EINVAL); /* expect: inconsistent-return */
	read_unlock(&l->l_lock);
	return (0);
}

/* A bare lock pointer handed back: callers release what *lockp names. */
extern spinlock_t bucket_locks[64];

static void bucket_insert(int idx, spinlock_t **lockp)
{
	spinlock_t *lock = &bucket_locks[idx & 63];

	*lockp = lock;
	spin_lock(lock);
}

/* Correct: two inserts, each released through the pointer it handed back. */
void insert_two(int a, int b)
{
	spinlock_t *hl;

	bucket_insert(a, &hl);
	spin_unlock(hl);
	bucket_insert(b, &hl);
	spin_unlock(hl);
}

/* Bug: the first insert's lock is still held when the second insert takes one (the same
 * one when both keys hash to one bucket). */
void insert_two_bug(int a, int b)
{
	spinlock_t *hl;

	bucket_insert(a, &hl);
	bucket_insert(b, &hl); /* expect: double-acquire */
	spin_unlock(hl);
}

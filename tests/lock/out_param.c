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

/* A lookup that returns its entry with the bucket lock handed back through *lockp, and
 * NULL (with *lockp NULL) when nothing matches. */
struct ent { struct ent *next; int key; };
extern struct ent *buckets[64];

static struct ent *ent_find(int key, spinlock_t **lockp)
{
	spinlock_t *lock = &bucket_locks[key & 63];
	struct ent *e;

	spin_lock(lock);
	for (e = buckets[key & 63]; e != NULL; e = e->next)
		if (e->key == key) {
			*lockp = lock;
			return (e);
		}
	spin_unlock(lock);
	*lockp = NULL;
	return (NULL);
}

/* Correct: the lock pointer says whether a lock came back. */
int ent_touch(int key)
{
	spinlock_t *lock = NULL;
	struct ent *e = ent_find(key, &lock);

	if (e != NULL)
		e->key = key;
	if (lock != NULL)
		spin_unlock(lock);
	return (e != NULL);
}

/* Bug: the found entry's lock is kept on the early return. */
int ent_touch_bug(int key, int ro)
{
	spinlock_t *lock = NULL;
	struct ent *e = ent_find(key, &lock);

	if (e == NULL)
		return (0);
	if (ro)
		return (1); /* expect: inconsistent-return */
	e->key = key;
	spin_unlock(lock);
	return (1);
}

/* Takes the bucket lock for the caller only when asked to hand it back; a caller that
 * passes NULL holds it already. */
static void ent_insert(struct ent *n, spinlock_t **lockp)
{
	spinlock_t *lock = &bucket_locks[n->key & 63];

	if (lockp != NULL) {
		*lockp = lock;
		spin_lock(lock);
	}
	n->next = buckets[n->key & 63];
	buckets[n->key & 63] = n;
}

/* Correct: one insert hands the lock back, the other runs under it. */
void ent_insert_two(struct ent *a, struct ent *b)
{
	spinlock_t *lock;

	ent_insert(a, &lock);
	ent_insert(b, NULL);
	spin_unlock(lock);
}

/* Bug: the lock handed back is not released when the second entry is missing. */
void ent_insert_two_bug(struct ent *a, struct ent *b)
{
	spinlock_t *lock;

	ent_insert(a, &lock);
	if (b == NULL)
		return; /* expect: inconsistent-return */
	ent_insert(b, NULL);
	spin_unlock(lock);
}

/* Errno constants are errors whatever their sign (OpenZFS returns them positive). */
int part_get(struct part *p)
{
	mutex_enter(&p->p_lock);
	if (p->p_gone)
		return (SET_ERROR(ENXIO)); /* expect: inconsistent-return */
	p->p_refs++;
	mutex_exit(&p->p_lock);
	return (0);
}

/* Correct: a conditional acquire, 0 with the lock held and an errno without it. */
int part_lock(struct part *p)
{
	mutex_enter(&p->p_lock);
	if (p->p_gone) {
		mutex_exit(&p->p_lock);
		return (SET_ERROR(ENXIO));
	}
	return (0);
}

/* A lock handed back in a field of a parameter: `h->h_cpu = c;` with c->c_lock held.
 * The caller's handle names it (`&tx->tx_handle` passed), and releases through it. */
struct cpu_slot { kmutex_t c_lock; int c_count; };
struct handle { struct cpu_slot *h_cpu; int h_gen; };
struct trans { struct handle tx_handle; int tx_gen; int tx_dirty; };
struct cpu_slot *cpu_slot_pick(void);

int handle_open(struct handle *h)
{
	struct cpu_slot *c = cpu_slot_pick();

	mutex_enter(&c->c_lock);
	c->c_count++;
	h->h_cpu = c;
	h->h_gen = c->c_count;
	return (h->h_gen);
}

void handle_rele(struct handle *h)
{
	mutex_exit(&h->h_cpu->c_lock);
}

/* Correct: every path releases what handle_open handed back. */
int trans_assign_ok(struct trans *tx)
{
	tx->tx_gen = handle_open(&tx->tx_handle);
	if (tx->tx_dirty) {
		handle_rele(&tx->tx_handle);
		return (EAGAIN);
	}
	handle_rele(&tx->tx_handle);
	return (0);
}

/* Bug: the dirty path keeps the slot locked. */
int trans_assign_bug(struct trans *tx)
{
	tx->tx_gen = handle_open(&tx->tx_handle);
	if (tx->tx_dirty)
		return (EAGAIN); /* expect: inconsistent-return */
	handle_rele(&tx->tx_handle);
	return (0);
}

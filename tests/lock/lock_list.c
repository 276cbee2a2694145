/* Locks kept in a list the caller owns: each lock taken is pushed on *listp, and the
 * caller's unlock helper pops and drops them all.  A return after the push hands the
 * lock over; one before it keeps a lock nobody will drop. */
struct held { krwlock_t *h_lock; struct held *h_next; };
struct dnode { krwlock_t d_parent_lock; struct dnode *d_parent; int d_id; };

/* Correct: every lock taken is on the list before any return that keeps it. */
int lock_chain(struct dnode *from, int stop, struct held **listp)
{
	struct dnode *dn = from;
	krwlock_t *lk = &dn->d_parent_lock;
	struct held *h;

	for (;;) {
		if (!rw_tryenter(lk, RW_READER))
			return (EAGAIN);
		h = kmem_alloc(sizeof (*h), KM_SLEEP);
		h->h_lock = lk;
		h->h_next = *listp;
		*listp = h;
		if (dn->d_id == stop)
			return (EINVAL);
		if (dn->d_parent == NULL)
			return (0);
		dn = dn->d_parent;
		lk = &dn->d_parent_lock;
	}
}

/* Bug: the check before the push returns with the new lock held and off the list. */
int lock_chain_bug(struct dnode *from, int stop, struct held **listp)
{
	struct dnode *dn = from;
	krwlock_t *lk = &dn->d_parent_lock;
	struct held *h;

	for (;;) {
		if (!rw_tryenter(lk, RW_READER))
			return (EAGAIN);
		if (dn->d_id == stop)
			return (EINVAL); /* expect: inconsistent-return */
		h = kmem_alloc(sizeof (*h), KM_SLEEP);
		h->h_lock = lk;
		h->h_next = *listp;
		*listp = h;
		if (dn->d_parent == NULL)
			return (0);
		dn = dn->d_parent;
		lk = &dn->d_parent_lock;
	}
}

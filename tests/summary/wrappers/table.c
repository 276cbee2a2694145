/* Lock wrappers in one file, their callers in another: the wrappers' summaries
 * (acquires $0->lock, releases $0->lock, acquires $0->m only when it returns 0) are
 * applied at the call sites. */

void table_lock(struct table *t)
{
	spin_lock(&t->lock);
}

void table_unlock(struct table *t)
{
	spin_unlock(&t->lock);
}

int table_lock_intr(struct table *t)
{
	if (mutex_lock_interruptible(&t->m))
		return -EINTR;
	return 0;
}

/* A wrapper of a wrapper: its summary needs a second round. */
void table_lock_twice_removed(struct table *t)
{
	table_lock(t);
}

/* The classic: an error path returns with the lock still held. */

int queue_add_bug(struct queue *q, struct item *it)
{
	spin_lock(&q->lock); /* expect-note: acquired here by 'spin_lock' */
	if (q->full) /* expect-note: taken when 'q->full' is true */
		return -ENOSPC; /* expect: inconsistent-return */
	list_add(&it->node, &q->items);
	spin_unlock(&q->lock); /* expect-note: the other paths release */
	return 0;
}

int queue_add_ok(struct queue *q, struct item *it)
{
	int ret = 0;

	spin_lock(&q->lock);
	if (q->full) {
		ret = -ENOSPC;
		goto out;
	}
	list_add(&it->node, &q->items);
out:
	spin_unlock(&q->lock);
	return ret;
}

/* irqsave forms: the lock is the first argument, the flags are not a lock. */
void dev_poke_bug(struct dev *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->lock, flags);
	if (!d->ready)
		return; /* expect: inconsistent-return */
	d->count++;
	spin_unlock_irqrestore(&d->lock, flags);
}

void dev_poke_ok(struct dev *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->lock, flags);
	if (d->ready)
		d->count++;
	spin_unlock_irqrestore(&d->lock, flags);
}

/* &t->lock and t->lock are one lock; so is a local alias of it. */
void alias_ok(struct table *t)
{
	spinlock_t *l = &t->lock;

	spin_lock(l);
	t->n++;
	spin_unlock(&(t->lock));
}

void alias_bug(struct table *t, int x)
{
	spinlock_t *l = &t->lock;

	spin_lock(&t->lock);
	if (x)
		return; /* expect: inconsistent-return */
	spin_unlock(l);
}

/* Falling off the closing brace is a return too. */
void falloff_bug(struct table *t, int x)
{
	mutex_lock(&t->mutex);
	if (x) {
		mutex_unlock(&t->mutex);
		return;
	}
	t->n++;
} /* expect: inconsistent-return */

/* A function that only releases (its caller locked) is consistent: no finding. */
void unlock_helper_ok(struct table *t)
{
	t->n = 0;
	mutex_unlock(&t->mutex);
}

/* Two different locks, each balanced. */
void two_locks_ok(struct a *a, struct b *b)
{
	mutex_lock(&a->m);
	spin_lock(&b->s);
	b->x = a->x;
	spin_unlock(&b->s);
	mutex_unlock(&a->m);
}

/* The ?: operator: as a value with lock calls in its arms, as a condition, as the lock
 * argument, and GNU's `a ?: b` with the middle operand left out. */

struct vq {
	spinlock_t lock;
	spinlock_t irq_lock;
	int irq;
	int avail;
	int used;
};

/* The lock is taken only in one arm, and released unconditionally. */
int vq_kick_bug(struct vq *q, int notify)
{
	int n = notify ? (spin_lock(&q->lock), q->avail) : 0;

	q->used += n;
	spin_unlock(&q->lock); /* expect: release-unheld */
	return n;
}

int vq_kick_ok(struct vq *q, int notify)
{
	int n;

	spin_lock(&q->lock);
	n = notify ? q->avail : 0;
	q->used += n;
	spin_unlock(&q->lock);
	return n;
}

/* ?: as an if condition; the held path returns early. */
void vq_poll_bug(struct vq *q, int budget)
{
	spin_lock(&q->lock);
	if (budget > 0 ? q->avail > q->used : q->irq)
		return; /* expect: inconsistent-return */
	q->used = q->avail;
	spin_unlock(&q->lock);
}

void vq_poll_ok(struct vq *q, int budget)
{
	spin_lock(&q->lock);
	if (!(budget > 0 ? q->avail > q->used : q->irq))
		q->used = q->avail;
	spin_unlock(&q->lock);
}

/* GNU `x ?: y` (the middle operand omitted) in a return under the lock. */
int vq_used_bug(struct vq *q)
{
	spin_lock(&q->lock);
	if (q->irq < 0)
		return q->used ?: -ENODATA; /* expect: inconsistent-return */
	spin_unlock(&q->lock);
	return q->avail ?: -ENODATA;
}

int vq_used_ok(struct vq *q)
{
	int v;

	spin_lock(&q->lock);
	v = q->irq < 0 ? q->used : q->avail;
	spin_unlock(&q->lock);
	return v ?: -ENODATA;
}

/* ?: as a statement choosing which lock to take, and the same test choosing which to
 * release: correlated, balanced.  The bug releases one of them unconditionally. */
void vq_ack_bug(struct vq *q)
{
	q->irq ? spin_lock(&q->irq_lock) : spin_lock(&q->lock);
	q->used = q->avail;
	spin_unlock(&q->irq_lock); /* expect: release-unheld */
	if (!q->irq)
		spin_unlock(&q->lock);
}

void vq_ack_ok(struct vq *q)
{
	q->irq ? spin_lock(&q->irq_lock) : spin_lock(&q->lock);
	q->used = q->avail;
	q->irq ? spin_unlock(&q->irq_lock) : spin_unlock(&q->lock);
}

/* A begin/end pair whose lock depends on the object: begin() returns the object, locked
 * when the object says it is shared; end() asks the object the same question. */
struct owner { int shared; };
struct table { spinlock_t lock; struct owner *owner; void *user; };
struct table *table_of(void *dev);

/* Correct: locked exactly when fm->owner->shared, which end() tests too. */
struct table *begin(void *dev)
{
	struct table *t = table_of(dev);

	if (t) {
		if (t->owner->shared)
			spin_lock(&t->lock);
		t->user = dev;
	}
	return t;
}

void end(struct table *t)
{
	t->user = NULL;
	if (t->owner->shared)
		spin_unlock(&t->lock);
}

/* Bug: whether it locks depends on a value computed here, which end() cannot see. */
struct table *begin_bug(void *dev)
{
	struct table *t = table_of(dev);
	int busy = table_load(dev) > 8;

	if (t) {
		if (busy)
			spin_lock(&t->lock);
		t->user = dev;
	}
	return t; /* expect: inconsistent-return */
}

/* The callers hold the object's lock across ->stat(); implementations must leave it so. */
int obj_query(struct obj *o, struct stats *st)
{
	int rc;

	pthread_mutex_lock(&o->lock);
	rc = o->ops->stat(o, st);
	pthread_mutex_unlock(&o->lock);
	return rc;
}

/* Bug in its own right (a global it never took), but not of the ->stat() contract: the
 * callers' lock is o->lock, which this implementation leaves alone. */
static int fast_stat(struct obj *o, struct stats *st)
{
	if (!st)
		return -EINVAL;
	st->n = o->n;
	pthread_mutex_unlock(&registry_lock); /* expect: release-unheld */
	return 0;
}

/* Breaks the contract: drops the callers' lock on the way out. */
static int slow_stat(struct obj *o, struct stats *st) /* expect: ops-contract */
{
	st->n = o->n;
	pthread_mutex_unlock(&o->lock);
	return 0;
}

static const struct obj_ops fast_ops = {
	.stat = fast_stat,
};

static const struct obj_ops slow_ops = {
	.stat = slow_stat, /* expect-note: is the ->stat of 'slow_ops' */
};

/* Double acquire, double release, and nesting locks that may be taken twice. */

void dbl_acquire_bug(struct dev *d)
{
	spin_lock(&d->lock); /* expect-note: first acquired here */
	d->n++;
	spin_lock(&d->lock); /* expect: double-acquire */
	spin_unlock(&d->lock);
}

void dbl_release_bug(struct dev *d, int x)
{
	mutex_lock(&d->m);
	if (x)
		mutex_unlock(&d->m); /* expect-note: first released here */
	d->n++;
	mutex_unlock(&d->m); /* expect: double-release */
}

void dbl_release_ok(struct dev *d, int x)
{
	mutex_lock(&d->m);
	if (x) {
		mutex_unlock(&d->m);
		return;
	}
	d->n++;
	mutex_unlock(&d->m);
}

/* rcu_read_lock nests: twice in, twice out is fine. */
void rcu_nest_ok(struct dev *d)
{
	rcu_read_lock();
	rcu_read_lock();
	d->n++;
	rcu_read_unlock();
	rcu_read_unlock();
}

int rcu_missing_bug(struct dev *d)
{
	struct item *it;

	rcu_read_lock();
	it = rcu_dereference(d->item);
	if (!it)
		return -ENOENT; /* expect: inconsistent-return */
	d->n = it->n;
	rcu_read_unlock();
	return 0;
}

/* Re-taking in a loop without the unlock. */
void loop_relock_bug(struct dev *d, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&d->m); /* expect: double-acquire */
		d->n++;
	}
	mutex_unlock(&d->m); /* expect: release-unheld */
}

void loop_relock_ok(struct dev *d, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&d->m);
		d->n++;
		mutex_unlock(&d->m);
	}
}

/* Called with interrupts disabled: a loop that enables them around a call that may sleep
 * and disables them again; each trip drops what the last one re-took. */
void *cache_refill(struct cache *c, int n)
{
	void *obj = NULL;
	int rc;

	while (n > 0) {
		local_irq_enable();
		rc = cache_grow(c, &obj);
		local_irq_disable();
		if (rc == 0 && obj != NULL)
			return (obj);
		if (rc)
			break;
		n--;
	}
	return (NULL);
}

/* Bug: the error path forgets that interrupts are already enabled. */
void *cache_refill_bug(struct cache *c)
{
	void *obj = NULL;

	local_irq_enable();
	if (cache_grow(c, &obj) != 0) {
		local_irq_enable(); /* expect: double-release */
		return (NULL);
	}
	local_irq_disable();
	return (obj);
}

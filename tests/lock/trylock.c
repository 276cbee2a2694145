/* Conditional acquisition: trylock, _interruptible/_killable, dec_and_lock, pthread. */

int try_ok(struct dev *d)
{
	if (!spin_trylock(&d->lock))
		return -EBUSY;
	d->n++;
	spin_unlock(&d->lock);
	return 0;
}

int try_positive_ok(struct dev *d)
{
	if (spin_trylock(&d->lock)) {
		d->n++;
		spin_unlock(&d->lock);
		return 0;
	}
	return -EBUSY;
}

void try_bug(struct dev *d)
{
	spin_trylock(&d->lock);
	d->n++;
	if (d->n > 3)
		return; /* expect: inconsistent-return */
	spin_unlock(&d->lock);
}

/* The unlock runs on the path where the trylock failed. */
void try_unheld_bug(struct dev *d)
{
	if (spin_trylock(&d->lock))
		d->n++;
	spin_unlock(&d->lock); /* expect: release-unheld */
}

int intr_ok(struct dev *d)
{
	if (mutex_lock_interruptible(&d->mutex))
		return -EINTR;
	d->n++;
	mutex_unlock(&d->mutex);
	return 0;
}

int intr_ret_ok(struct dev *d)
{
	int ret;

	ret = mutex_lock_interruptible(&d->mutex);
	if (ret)
		return ret;
	d->n++;
	mutex_unlock(&d->mutex);
	return 0;
}

int intr_ne_ok(struct dev *d)
{
	int ret = mutex_lock_killable(&d->mutex);

	if (ret != 0)
		return ret;
	d->n++;
	mutex_unlock(&d->mutex);
	return 0;
}

int intr_neg_ok(struct dev *d)
{
	int err = down_read_killable(&d->sem);

	if (err < 0)
		return err;
	d->n++;
	up_read(&d->sem);
	return 0;
}

/* On failure the error path still unlocks. */
int intr_bug(struct dev *d)
{
	int ret;

	ret = mutex_lock_interruptible(&d->mutex); /* expect-note: did not acquire */
	if (ret)
		goto out;
	d->n++;
out:
	mutex_unlock(&d->mutex); /* expect: release-unheld */
	return ret;
}

void dec_and_lock_ok(struct obj *o)
{
	if (!atomic_dec_and_lock(&o->refs, &o->owner->lock))
		return;
	list_del(&o->node);
	spin_unlock(&o->owner->lock);
}

void dec_and_lock_bug(struct obj *o)
{
	if (refcount_dec_and_lock(&o->ref, &o->owner->lock))
		list_del(&o->node);
	spin_unlock(&o->owner->lock); /* expect: release-unheld */
}

int pthread_try_ok(struct pool *p)
{
	if (pthread_mutex_trylock(&p->mu) != 0)
		return -1;
	p->n++;
	pthread_mutex_unlock(&p->mu);
	return 0;
}

int pthread_bug(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	if (p->n == 0)
		return -1; /* expect: inconsistent-return */
	p->n--;
	pthread_mutex_unlock(&p->mu);
	return 0;
}

/* A function that returns 0 holding the lock and an error without it: a conditional
 * acquire, which its callers handle by testing the result.  Not a finding. */
int cond_acquire_ok(struct dev *d)
{
	mutex_lock(&d->mutex);
	if (d->dead) {
		mutex_unlock(&d->mutex);
		return -ENODEV;
	}
	return 0;
}

/* ... but when the error return value does not tell the paths apart, it is one. */
int cond_acquire_bug(struct dev *d)
{
	int ret = d->state;

	mutex_lock(&d->mutex);
	if (d->dead) {
		mutex_unlock(&d->mutex);
		return ret;
	}
	return ret; /* expect: inconsistent-return */
}

/* Returning the trylock's own result: held exactly when it returns true. */
bool try_wrapper_ok(struct dev *d)
{
	return spin_trylock(&d->lock);
}

/* A recursive lock's owner always gets it again: the failure branch of the second try
 * cannot be taken. */
int recursive_twice(struct obj *o)
{
	if (rte_spinlock_recursive_trylock(&o->rl) == 0)
		return -1;
	if (rte_spinlock_recursive_trylock(&o->rl) == 0)
		return -1;
	o->n++;
	rte_spinlock_recursive_unlock(&o->rl);
	rte_spinlock_recursive_unlock(&o->rl);
	return 0;
}

/* Bug: a plain spinlock tried twice by its owner fails the second time, and that path
 * returns with the lock held. */
int plain_twice_bug(struct obj *o)
{
	if (rte_spinlock_trylock(&o->sl) == 0)
		return -1;
	if (rte_spinlock_trylock(&o->sl) == 0)
		return -1; /* expect: inconsistent-return */
	o->n++;
	rte_spinlock_unlock(&o->sl);
	rte_spinlock_unlock(&o->sl); /* expect: double-release */
	return 0;
}

/* Branches on the same condition, with nothing assigned in between, are correlated. */

void maybe_locked_ok(struct dev *d, bool need)
{
	if (need)
		spin_lock(&d->lock);
	d->n++;
	if (need)
		spin_unlock(&d->lock);
}

void maybe_locked_negated_ok(struct dev *d, int nolock)
{
	if (!nolock)
		mutex_lock(&d->m);
	d->n++;
	if (nolock == 0)
		mutex_unlock(&d->m);
}

void maybe_locked_bug(struct dev *d, bool need, bool other)
{
	if (need)
		spin_lock(&d->lock);
	d->n++;
	if (other)
		spin_unlock(&d->lock); /* expect: release-unheld */
}

/* The condition's variable is written between the two tests. */
void reassigned_bug(struct dev *d, bool need)
{
	if (need)
		spin_lock(&d->lock);
	need = d->flag;
	if (need)
		spin_unlock(&d->lock); /* expect: release-unheld */
}

/* A variable set to a constant decides a later test. */
int locked_flag_ok(struct dev *d)
{
	int locked = 0;

	if (d->shared) {
		spin_lock(&d->lock);
		locked = 1;
	}
	d->n++;
	if (locked)
		spin_unlock(&d->lock);
	return 0;
}

/* switch with fallthrough: every case reaches the unlock. */
int switch_ok(struct dev *d, int op)
{
	int ret = 0;

	mutex_lock(&d->m);
	switch (op) {
	case 1:
		d->n++;
		/* fallthrough */
	case 2:
		d->n++;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	mutex_unlock(&d->m);
	return ret;
}

int switch_bug(struct dev *d, int op)
{
	mutex_lock(&d->m);
	switch (op) {
	case 1:
		d->n++;
		break;
	case 2:
		return -EINVAL; /* expect: inconsistent-return */
	}
	mutex_unlock(&d->m);
	return 0;
}

/* Short-circuit: the trylock runs only when the first operand is true. */
int shortcircuit_ok(struct dev *d)
{
	if (d->fast && spin_trylock(&d->lock)) {
		d->n++;
		spin_unlock(&d->lock);
		return 0;
	}
	return -EAGAIN;
}

int shortcircuit_bug(struct dev *d)
{
	if (d->fast || spin_trylock(&d->lock)) {
		d->n++;
		spin_unlock(&d->lock); /* expect: release-unheld */
		return 0;
	}
	return -EAGAIN;
}

/* Paths that end in a noreturn call produce no exit state. */
void bug_on_path_ok(struct dev *d)
{
	spin_lock(&d->lock);
	if (d->corrupt)
		BUG();
	spin_unlock(&d->lock);
}

/* A sentinel: the index is set to a constant only where the lock is taken, and the unlock
 * tests for that constant; a computed index is taken not to hit it. */
void *list_register_ok(struct list *l, void *ctx)
{
	int idx = lcore_index(lcore_id());
	void *e;

	if (idx == -1) {
		idx = NLCORE;
		spin_lock(&l->lcore_lock);
	}
	e = do_register(l, ctx, idx);
	if (idx == NLCORE)
		spin_unlock(&l->lcore_lock);
	return e;
}

void *list_register_bug(struct list *l, void *ctx)
{
	int idx = lcore_index(lcore_id());
	void *e;

	if (idx == -1) {
		idx = NLCORE;
		spin_lock(&l->lcore_lock);
	}
	e = do_register(l, ctx, idx);
	if (idx == NLCORE && e)
		spin_unlock(&l->lcore_lock);
	return e; /* expect: inconsistent-return */
}

/* A switch decides whether to lock; a test after it on the same value decides whether
 * to unlock. */
int blk_verify(struct spa *spa, int cfg, struct blk *bp)
{
	int errors;

	switch (cfg) {
	case CFG_HELD:
		break;
	case CFG_NEEDED:
		read_lock(&spa->cfg_lock);
		break;
	case CFG_NEEDED_TRY:
		if (!read_trylock(&spa->cfg_lock))
			return -EBUSY;
		break;
	case CFG_SKIP:
		return 0;
	default:
		BUG();
	}
	errors = blk_check(bp);
	if (cfg == CFG_NEEDED || cfg == CFG_NEEDED_TRY)
		read_unlock(&spa->cfg_lock);
	return errors ? -EIO : 0;
}

/* Bug: the test after the switch forgets the trylock case. */
int blk_verify_bug(struct spa *spa, int cfg, struct blk *bp)
{
	int errors;

	switch (cfg) {
	case CFG_HELD:
		break;
	case CFG_NEEDED:
		read_lock(&spa->cfg_lock);
		break;
	case CFG_NEEDED_TRY:
		if (!read_trylock(&spa->cfg_lock))
			return -EBUSY;
		break;
	default:
		BUG();
	}
	errors = blk_check(bp);
	if (cfg == CFG_NEEDED)
		read_unlock(&spa->cfg_lock);
	return errors ? -EIO : 0; /* expect: inconsistent-return */
}

/* More fact variants than the analysis keeps apart (8 per lock state and block): four
 * independent flags after a lock helper called under a condition (the cnxk session
 * functions in DPDK have this shape).  The way on which the helper did not take the lock
 * ("not taken") is a different lock state from the way that never called it, so the two
 * are never joined and `inbound` survives to the unlock. */
void cfg_lock(void)
{
	struct cfg *c = cfg_get();

	if (c != NULL)
		spin_lock(&c->lock);
}

void cfg_unlock(void)
{
	struct cfg *c = cfg_get();

	if (c != NULL)
		spin_unlock(&c->lock);
}

int many_flags(struct dev *d, int inbound, int a, int b, int c, int e)
{
	int x = 0, y = 0, z = 0, w = 0;

	if (inbound)
		cfg_lock();
	if (a)
		x = 1;
	if (b)
		y = 1;
	if (c)
		z = 1;
	if (e)
		w = 1;
	if (x)
		d->a++;
	if (y)
		d->b++;
	if (z)
		d->c++;
	if (w)
		d->e++;
	if (inbound)
		cfg_unlock();
	return 0;
}

/* Bug twin: the unlock tests another flag. */
int many_flags_bug(struct dev *d, int inbound, int a, int b, int c, int e)
{
	int x = 0, y = 0, z = 0, w = 0;

	if (inbound)
		cfg_lock();
	if (a)
		x = 1;
	if (b)
		y = 1;
	if (c)
		z = 1;
	if (e)
		w = 1;
	if (x)
		d->a++;
	if (y)
		d->b++;
	if (z)
		d->c++;
	if (w)
		d->e++;
	if (a)
		cfg_unlock(); /* expect: release-unheld */
	return 0;
}

/* Branch hints wrap the condition: OVS_UNLIKELY(x) and G_LIKELY(x) test x. */
void hinted_ok(struct dev *d, bool shared)
{
	if (OVS_UNLIKELY(shared))
		spin_lock(&d->lock);
	d->n++;
	if (OVS_UNLIKELY(shared))
		spin_unlock(&d->lock);
}

/* Bug: the hint's argument is the opposite test; kept when shared, dropped unheld when not. */
void hinted_bug(struct dev *d, bool shared)
{
	if (G_LIKELY(shared))
		spin_lock(&d->lock);
	d->n++;
	if (G_LIKELY(!shared))
		spin_unlock(&d->lock); /* expect@+1: inconsistent-return */
}

/* Correct: `found = o` copies what the path knows of o (not NULL), so the second test
 * cannot fail. */
int pick_copy(struct obj *o)
{
	struct obj *found = NULL;

	if (o == NULL)
		return -1;
	pthread_mutex_lock(&table_lock);
	found = o;
	if (found == NULL)
		return -1;
	found->v++;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

/* Bug: a value the path knows nothing of can be NULL; that way keeps the lock. */
int pick_copy_bug(struct obj *o)
{
	struct obj *found = NULL;

	if (o == NULL)
		return -1;
	pthread_mutex_lock(&table_lock);
	found = obj_lookup(o);
	if (found == NULL)
		return -1; /* expect: inconsistent-return */
	found->v++;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

/* Calls that never return (BUG(), panic(), do_exit(), rte_panic(), abort()) end the path:
 * whatever is held there does not make the returns inconsistent. */

struct slab {
	spinlock_t lock;
	struct mutex mutex;
	int magic;
	int inuse;
};

#define SLAB_MAGIC 0x5a5a

void slab_free_ok(struct slab *s)
{
	spin_lock(&s->lock);
	if (s->magic != SLAB_MAGIC)
		BUG();
	s->inuse--;
	spin_unlock(&s->lock);
}

/* Not every call ends the path: WARN_ON() returns. */
void slab_free_bug(struct slab *s)
{
	spin_lock(&s->lock);
	if (WARN_ON(s->magic != SLAB_MAGIC))
		return; /* expect: inconsistent-return */
	s->inuse--;
	spin_unlock(&s->lock);
}

int slab_check_ok(struct slab *s)
{
	mutex_lock(&s->mutex);
	switch (s->inuse) {
	case 0:
		break;
	case -1:
		panic("slab %p: inuse underflow\n", s);
	default:
		if (s->inuse > 1024)
			do_exit(1);
		break;
	}
	mutex_unlock(&s->mutex);
	return 0;
}

/* The noreturn call is on one path; another path still forgets the unlock. */
int slab_check_bug(struct slab *s)
{
	mutex_lock(&s->mutex);
	switch (s->inuse) {
	case 0:
		break;
	case -1:
		panic("slab %p: inuse underflow\n", s);
	default:
		if (s->inuse > 1024)
			return -E2BIG; /* expect: inconsistent-return */
		break;
	}
	mutex_unlock(&s->mutex);
	return 0;
}

/* The noreturn call as the last statement of a do-while(0) BUG_ON-like expansion, and
 * in the user-space profiles (abort(), rte_panic()). */
void slab_poison_ok(struct slab *s)
{
	spin_lock(&s->lock);
	do {
		if (s->inuse < 0)
			BUG();
	} while (0);
	s->magic = 0;
	spin_unlock(&s->lock);
}

void app_pool_put_ok(struct app_pool *p)
{
	pthread_mutex_lock(&p->mtx);
	if (p->refs <= 0)
		abort();
	p->refs--;
	pthread_mutex_unlock(&p->mtx);
}

void rte_pool_put_ok(struct rte_pool *p)
{
	rte_spinlock_lock(&p->sl);
	if (p->refs <= 0)
		rte_panic("pool %s: refcount underflow\n", p->name);
	p->refs--;
	rte_spinlock_unlock(&p->sl);
}

/* A noreturn call inside a condition's operand ends that path too. */
void slab_assert_ok(struct slab *s)
{
	spin_lock(&s->lock);
	s->inuse > 0 || (BUG(), 0);
	s->inuse--;
	spin_unlock(&s->lock);
}

/* A function called `panic_on` or `bug` is not a noreturn call. */
void slab_panic_on_bug(struct slab *s)
{
	spin_lock(&s->lock);
	if (s->inuse < 0) {
		panic_on(s);
		return; /* expect: inconsistent-return */
	}
	spin_unlock(&s->lock);
}

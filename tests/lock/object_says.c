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

/* The same through an out-parameter, with a lock of another object: the volume goes out
 * through *volp, and the topology lock is held when the volume says it is a GEOM one. */
struct vol { int mode; void *geom; };
enum { VOL_DEV = 1, VOL_GEOM = 2 };
extern struct mutex topology_mutex;
struct vol *vol_new(const char *name);
void *geom_new(const char *name);

/* Correct: callers test v->mode == VOL_GEOM to drop the topology lock. */
int vol_alloc(const char *name, int mode, struct vol **volp)
{
	struct vol *v = vol_new(name);

	if (!v)
		return -ENOMEM;
	v->mode = mode;
	if (v->mode == VOL_GEOM) {
		mutex_lock(&topology_mutex);
		v->geom = geom_new(name);
	}
	*volp = v;
	return 0;
}

/* Bug: the lock is taken before the volume says anything, and the failed allocation
 * returns with it. */
int vol_alloc_bug(const char *name, int mode, struct vol **volp)
{
	struct vol *v;

	mutex_lock(&topology_mutex);
	v = vol_new(name);
	if (!v)
		return -ENOMEM; /* expect: inconsistent-return */
	v->mode = mode;
	if (v->mode != VOL_GEOM)
		mutex_unlock(&topology_mutex);
	*volp = v;
	return 0;
}

/* A callee that drops the lock on every way but one its code cannot rule out (the last
 * hold of an object already on a cache list: the invariant says it is never there).  Its
 * ways overlap, so callers cannot tell them apart: after the call the lock's state is
 * unknown, also to the callers of a function that only passes the object on. */
struct obj { kmutex_t lock; int refs; int dead; int bonus; };
struct rec { struct obj *obj; void *data; };

void obj_destroy(struct obj *o);	/* drops o->lock (defined elsewhere) */
void cache_insert(struct obj *o);
void copy_out(void *data);
void write_out(struct obj *o);

/* Drops the lock, except on a way that cannot happen (the last hold of an object when
 * the cache is full: the cache keeps room for every object whose holds can drop). */
static void obj_rele_and_unlock(struct obj *o)
{
	int holds = refcount_remove(&o->refs);

	if (holds > max_holds)
		max_holds = holds;
	if (o->dead)
		stat_dead++;
	if (o->bonus)
		stat_bonus++;
	if (holds == 1)
		stat_last++;

	if (holds == 0) {
		if (o->dead) {
			mutex_exit(&o->lock);
			obj_destroy(o);
		} else if (cache_room()) {
			cache_insert(o);
			mutex_exit(&o->lock);
		}
	} else {
		mutex_exit(&o->lock);
	}
}

/* Passes the record's object on to the release. */
static void sync_bonus(struct rec *r)
{
	struct obj *o = r->obj;

	copy_out(r->data);
	obj_rele_and_unlock(o);
}

/* Correct: the bonus way hands the lock to sync_bonus. */
void sync_leaf(struct rec *r)
{
	struct obj *o = r->obj;

	mutex_enter(&o->lock);
	if (o->bonus) {
		sync_bonus(r);
		return;
	}
	write_out(o);
	mutex_exit(&o->lock);
}

/* Bug: the bonus way copies the data and returns with the lock held. */
void sync_leaf_bug(struct rec *r)
{
	struct obj *o = r->obj;

	mutex_enter(&o->lock);
	if (o->bonus) {
		copy_out(r->data);
		return; /* expect: inconsistent-return */
	}
	write_out(o);
	mutex_exit(&o->lock);
}

/* A helper that drops the caller's leaf through its parameter and then reuses the
 * parameter for the leaves after it: which lock its first release drops, the name cannot
 * say, so the caller's leaf is in doubt after the call. */
struct leaf { krwlock_t l_rwlock; int empty; };
struct leaf *leaf_next(struct leaf *l);

static void leaf_put(struct leaf *l)
{
	rw_exit(&l->l_rwlock);
}

static void shrink(struct leaf *l)
{
	while (l != NULL) {
		struct leaf *next = leaf_next(l);

		leaf_put(l);
		l = next;
		if (l != NULL)
			rw_enter(&l->l_rwlock, RW_WRITER);
	}
}

/* Correct: the empty way hands the leaf to shrink(). */
int remove_entry(struct leaf *l)
{
	rw_enter(&l->l_rwlock, RW_WRITER);
	if (l->empty) {
		shrink(l);
		return 0;
	}
	leaf_put(l);
	return 0;
}

/* Bug: the error way keeps the leaf. */
int remove_entry_bug(struct leaf *l, int err)
{
	rw_enter(&l->l_rwlock, RW_WRITER);
	if (err)
		return err; /* expect: inconsistent-return */
	if (l->empty) {
		shrink(l);
		return 0;
	}
	leaf_put(l);
	return 0;
}

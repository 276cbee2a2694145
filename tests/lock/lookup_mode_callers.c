/* Callers of a lookup whose suspend lock depends on a mode argument: the mode they pass
 * says which locks a found entry comes back with, NULL says none.  The lookup is reached
 * through a one-line wrapper, as callers usually do. */
struct vol { struct vol *next; kmutex_t v_state_lock; krwlock_t v_suspend_lock; int v_hash; int v_ro; };
extern struct vol *vols;
extern krwlock_t vols_lock;
int vol_hash(const char *name);

static struct vol *vol_find_hash(int hash, int mode)
{
	struct vol *v;

	rw_enter(&vols_lock, RW_READER);
	for (v = vols; v != NULL; v = v->next) {
		mutex_enter(&v->v_state_lock);
		if (v->v_hash == hash) {
			if (mode != RW_NONE && !rw_tryenter(&v->v_suspend_lock, mode)) {
				mutex_exit(&v->v_state_lock);
				rw_enter(&v->v_suspend_lock, mode);
				mutex_enter(&v->v_state_lock);
			}
			rw_exit(&vols_lock);
			return (v);
		}
		mutex_exit(&v->v_state_lock);
	}
	rw_exit(&vols_lock);
	return (NULL);
}

static struct vol *vol_find(const char *name, int mode)
{
	return (vol_find_hash(vol_hash(name), mode));
}

/* Correct: RW_NONE, so only the state lock comes back. */
int vol_set_ro_ok(const char *name, int ro)
{
	struct vol *v = vol_find(name, RW_NONE);

	if (v == NULL)
		return (-1);
	v->v_ro = ro;
	mutex_exit(&v->v_state_lock);
	return (0);
}

/* Correct: RW_READER, so both locks come back and both are released. */
int vol_resize_ok(const char *name)
{
	struct vol *v = vol_find(name, RW_READER);

	if (v == NULL)
		return (ENOENT);
	rw_exit(&v->v_suspend_lock);
	mutex_exit(&v->v_state_lock);
	return (0);
}

/* Bug: RW_READER, and the error path forgets the suspend lock. */
int vol_resize_bug(const char *name, long size)
{
	struct vol *v = vol_find(name, RW_READER);

	if (v == NULL)
		return (ENOENT);
	if (size < 0) {
		mutex_exit(&v->v_state_lock);
		return (EINVAL); /* expect: inconsistent-return */
	}
	rw_exit(&v->v_suspend_lock);
	mutex_exit(&v->v_state_lock);
	return (0);
}

/* Bug: RW_NONE, and a suspend lock that was not taken is released. */
int vol_set_ro_bug(const char *name, int ro)
{
	struct vol *v = vol_find(name, RW_NONE);

	if (v == NULL)
		return (-1);
	v->v_ro = ro;
	rw_exit(&v->v_suspend_lock); /* expect: release-unheld */
	mutex_exit(&v->v_state_lock);
	return (0);
}

/* A lookup that returns its entry with the entry's state lock held, and its suspend lock
 * too unless the caller asked for RW_NONE; NULL with nothing held. */
struct vol { struct vol *next; kmutex_t v_state_lock; krwlock_t v_suspend_lock; int v_hash; };
extern struct vol *vols;
extern krwlock_t vols_lock;

/* Correct: the mode argument decides the suspend lock, the value decides the rest. */
struct vol *vol_find(int hash, int mode)
{
	struct vol *v;

	rw_enter(&vols_lock, RW_READER);
	for (v = vols; v != NULL; v = v->next) {
		mutex_enter(&v->v_state_lock);
		if (v->v_hash == hash) {
			if (mode != RW_NONE)
				rw_enter(&v->v_suspend_lock, mode);
			rw_exit(&vols_lock);
			return (v);
		}
		mutex_exit(&v->v_state_lock);
	}
	rw_exit(&vols_lock);
	return (NULL);
}

/* Bug: an entry found while the table is being torn down comes back without its suspend
 * lock whatever the mode asked for.  The finding counts the returns against the balanced
 * majority, so it is reported at the return that holds the suspend lock. */
struct vol *vol_find_bug(int hash, int mode, int closing)
{
	struct vol *v;

	rw_enter(&vols_lock, RW_READER);
	for (v = vols; v != NULL; v = v->next) {
		mutex_enter(&v->v_state_lock);
		if (v->v_hash == hash) {
			if (closing) {
				rw_exit(&vols_lock);
				return (v);
			}
			if (mode != RW_NONE)
				rw_enter(&v->v_suspend_lock, mode);
			rw_exit(&vols_lock);
			return (v); /* expect: inconsistent-return */
		}
		mutex_exit(&v->v_state_lock);
	}
	rw_exit(&vols_lock);
	return (NULL);
}

/* A later round reads only some functions of a file: after round 0, b.c's helper_unlock
 * is read again for obj_unlock's summary (defined here), and b.c's other functions are
 * not.  A cached run that changes c.c only must still know b_grab and b_drop
 * (tests/run checks it against a fresh run). */
struct obj { spinlock_t lock, lock2; int n; };

void obj_unlock(struct obj *o)
{
	spin_unlock(&o->lock);
}

/* A helper that returns 0 holding the lock and drops it when it fails; callers written for
 * the contract where a failed call still holds it unlock a lock nobody holds. */
int obj_get(struct obj *o)
{
	spin_lock(&o->lock);
	if (!o->ready) {
		spin_unlock(&o->lock);
		return -EAGAIN;
	}
	o->users++;
	return 0;
}

/* Bug: unlocks after a failed obj_get too. */
int obj_use_bug(struct obj *o)
{
	if (obj_get(o)) {
		spin_unlock(&o->lock); /* expect: release-unheld */
		return -EAGAIN;
	}
	o->uses++;
	spin_unlock(&o->lock);
	return 0;
}

/* Correct twin: only the successful call is paired with an unlock. */
int obj_use_ok(struct obj *o)
{
	if (obj_get(o))
		return -EAGAIN;
	o->uses++;
	spin_unlock(&o->lock);
	return 0;
}

/* Not a bug: a helper whose contract is "called locked, unlocks when it fails" never
 * takes the lock itself, so its release on the error path is of the caller's lock. */
int obj_check_or_unlock(struct obj *o)
{
	if (!o->ready) {
		spin_unlock(&o->lock);
		return -EINVAL;
	}
	return 0;
}

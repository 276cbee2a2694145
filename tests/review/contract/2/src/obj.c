/* obj_get now unlocks when it fails: it returns 0 holding the lock, an error without it. */
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

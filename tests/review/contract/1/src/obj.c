/* obj_get returns with the object locked, whatever it returns; callers unlock. */
int obj_get(struct obj *o)
{
	spin_lock(&o->lock);
	if (!o->ready)
		return -EAGAIN;
	o->users++;
	return 0;
}

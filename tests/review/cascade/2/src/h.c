/* A helper that checks an object under its lock; the failure path now forgets the unlock. */
int h_check(struct obj *o)
{
	spin_lock(&o->lock);
	if (o->bad)
		return -EINVAL;
	spin_unlock(&o->lock);
	return 0;
}

/* A helper that checks an object under its lock. */
int h_check(struct obj *o)
{
	spin_lock(&o->lock);
	if (o->bad) {
		spin_unlock(&o->lock);
		return -EINVAL;
	}
	spin_unlock(&o->lock);
	return 0;
}

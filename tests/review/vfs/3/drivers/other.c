/* Unrelated code the series also touches; o->lock protects o->count. */
int other_count(struct other *o)
{
	int n;

	mutex_lock(&o->lock);
	n = READ_ONCE(o->count);
	mutex_unlock(&o->lock);
	if (n < 0)
		return -EINVAL;
	return n;
}

/* Unrelated code the series also touches. */
int other_count(struct other *o)
{
	int n;

	mutex_lock(&o->lock);
	n = o->count;
	mutex_unlock(&o->lock);
	return n;
}

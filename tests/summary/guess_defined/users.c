/* res_get/res_put are defined in refs.c (reference counts, no lock): no guess is made,
 * although this file is read first.  dev_get/dev_put are defined nowhere: guessed as a
 * lock pair by their names, so the early return is reported. */
int use_res(struct res *r, int v)
{
	res_get(r);
	if (v < 0)
		return -EINVAL;
	r->v = v;
	res_put(r);
	return 0;
}

int use_dev(struct dev *d, int v)
{
	dev_get(d);
	if (v < 0)
		return -EINVAL; /* expect: inconsistent-return */
	d->v = v;
	dev_put(d);
	return 0;
}

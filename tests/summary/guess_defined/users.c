/* res_acquire/res_release are defined in zz_refs.c (reference counts, no lock): no guess is made,
 * although this file is read first.  dev_acquire/dev_release are defined nowhere: guessed as a
 * lock pair by their names, so the early return is reported. */
int use_res(struct res *r, int v)
{
	res_acquire(r);
	if (v < 0)
		return -EINVAL;
	r->v = v;
	res_release(r);
	return 0;
}

int use_dev(struct dev *d, int v)
{
	dev_acquire(d);
	if (v < 0)
		return -EINVAL; /* expect: inconsistent-return */
	d->v = v;
	dev_release(d);
	return 0;
}

/* obj_lock is defined in zz_refs.c, over a function no file defines; obj_unlock is defined
 * nowhere.  Half a pair is not completed by its name: no guess for obj_unlock either. */
static void bump(struct obj *o)
{
	obj_lock(o);
	o->v++;
	obj_unlock(o);
}

void bump_twice(struct obj *o)
{
	bump(o);
	bump(o);
}

struct obj { spinlock_t lock, lock2; int n; };
void b_grab(struct obj *o);
void b_drop(struct obj *o);

/* Bug: the early return keeps what b_grab took. */
int c_count(struct obj *o, int x)
{
	b_grab(o);
	if (x)
		return -1; /* expect: inconsistent-return */
	o->n++;
	b_drop(o);
	return 0;
}

/* Correct: both ways drop it. */
int c_count_ok(struct obj *o, int x)
{
	int err = 0;

	b_grab(o);
	if (x)
		err = -1;
	else
		o->n++;
	b_drop(o);
	return err;
}

/* Calls to functions the run cannot see, paired by name within the file: x_lock/x_unlock,
 * x_enter/x_exit, x_get/x_put (same argument), LOCK_X/UNLOCK_X.  (--no-guess turns it off.) */

int sess_update_bug(struct sess *s, int v)
{
	sess_enter(s->fs, FTAG);
	if (v < 0)
		return EINVAL; /* expect: inconsistent-return */
	s->v = v;
	sess_exit(s->fs, FTAG);
	return 0;
}

int sess_update_ok(struct sess *s, int v)
{
	int err = 0;

	sess_enter(s->fs, FTAG);
	if (v < 0)
		err = EINVAL;
	else
		s->v = v;
	sess_exit(s->fs, FTAG);
	return err;
}

int mbox_send_bug(struct dev *d, struct msg *m)
{
	struct mbox *mb = mbox_get(d->mbox);

	if (!m->len)
		return -EINVAL; /* expect: inconsistent-return */
	send(mb, m);
	mbox_put(d->mbox);
	return 0;
}

/* The two halves on different objects do not pair. */
void two_objects_ok(struct dev *a, struct dev *b)
{
	mbox_get(a->mbox);
	mbox_put(a->mbox);
	mbox_get(b->mbox);
	mbox_put(b->mbox);
}

/* A name with no partner in the file is not a lock. */
int lone_ok(struct dev *d)
{
	if (widget_lock(d))
		return -EBUSY;
	return 0;
}

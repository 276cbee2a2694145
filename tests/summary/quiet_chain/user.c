/* Users of the deepest level: nothing in their text names a lock. */
int obj_check(struct obj *o);

int user_ok(struct obj *o)
{
	obj_lock_4(o);
	if (o->bad) {
		obj_unlock_4(o);
		return -1;
	}
	obj_unlock_4(o);
	return 0;
}

int user_bug(struct obj *o)
{
	obj_lock_4(o);
	if (obj_check(o) < 0)
		return -1; /* expect: inconsistent-return */
	obj_unlock_4(o);
	return 0;
}

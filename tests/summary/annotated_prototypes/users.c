#include "objlock.h"

/* Correct: every way drops what it took. */
int obj_bump(struct obj *o)
{
	obj_take(o);
	if (obj_check(o)) {
		obj_give(o);
		return -EINVAL;
	}
	o->n++;
	obj_give(o);
	return 0;
}

/* Bug: the check's failure keeps the lock. */
int obj_bump_bug(struct obj *o)
{
	obj_take(o);
	if (obj_check(o))
		return -EINVAL; /* expect: inconsistent-return */
	o->n++;
	obj_give(o);
	return 0;
}

/* Bug: unlocked twice. */
void obj_reset_bug(struct obj *o)
{
	obj_take(o);
	o->n = 0;
	obj_give(o);
	obj_give(o); /* expect: double-release */
}

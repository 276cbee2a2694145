struct obj { spinlock_t lock, lock2; int n; };
void obj_unlock(struct obj *o);

void helper_unlock(struct obj *o)
{
	obj_unlock(o);
}

void b_grab(struct obj *o)
{
	spin_lock(&o->lock2);
}

void b_drop(struct obj *o)
{
	spin_unlock(&o->lock2);
}

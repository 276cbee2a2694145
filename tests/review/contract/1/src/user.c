/* A caller written for the old contract: it unlocks after a failed obj_get too. */
int obj_use(struct obj *o)
{
	if (obj_get(o)) {
		spin_unlock(&o->lock);
		return -EAGAIN;
	}
	o->uses++;
	spin_unlock(&o->lock);
	return 0;
}

/* Lock wrappers whose names say nothing of locks; defined in a file the series leaves alone
 * and nobody includes. */
void grab(struct obj *o)
{
	spin_lock(&o->lock);
}

void drop(struct obj *o)
{
	spin_unlock(&o->lock);
}

/* A driver using both. */
int dev_poke(struct obj *o, int v)
{
	grab(o);
	if (v < 0)
		return -EINVAL;
	o->v = v;
	drop(o);
	return 0;
}

int dev_fill(struct pool *p)
{
	struct buf *b = buf_get(p);

	if (!b)
		return -ENOMEM;
	if (full(b))
		return -ENOSPC;
	fill(b);
	buf_put(p, b);
	return 0;
}

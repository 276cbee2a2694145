/* A table with an old imbalance (not this series' doing) and a balanced helper. */
int table_get(struct table *t, int key)
{
	int v;

	spin_lock(&t->lock);
	if (key < 0)
		return -EINVAL;
	v = t->slots[key];
	spin_unlock(&t->lock);
	return v;
}

void table_put(struct table *t, int key, int v)
{
	spin_lock(&t->lock);
	t->slots[key] = v;
	spin_unlock(&t->lock);
}

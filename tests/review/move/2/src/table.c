/* A table: the writer stays here, the reader moved to table_read.c. */

void table_put(struct table *t, int key, int v)
{
	spin_lock(&t->lock);
	t->slots[key] = v;
	spin_unlock(&t->lock);
}

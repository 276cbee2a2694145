/* The reader, moved here unchanged apart from its indentation. */

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

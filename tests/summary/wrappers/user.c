int user_bug(struct table *tab, int x)
{
	table_lock(tab);
	if (x)
		return -EINVAL; /* expect: inconsistent-return */
	table_unlock(tab);
	return 0;
}

int user_ok(struct table *tab, int x)
{
	table_lock(tab);
	tab->n = x;
	table_unlock(tab);
	return 0;
}

/* The lock is taken by a wrapper and dropped directly: the same lock. */
void mixed_ok(struct table *tab)
{
	table_lock(tab);
	tab->n++;
	spin_unlock(&tab->lock);
}

void deep_bug(struct table *tab, int x)
{
	table_lock_twice_removed(tab);
	if (x)
		return; /* expect: inconsistent-return */
	table_unlock(tab);
}

/* The conditional helper's result is dropped: the unlock may drop what was never taken. */
void careless_bug(struct table *tab)
{
	table_lock_intr(tab); /* expect: unchecked-lock-result */
	tab->n++;
	mutex_unlock(&tab->m); /* expect: release-unheld */
}

int careful_ok(struct table *tab)
{
	int ret = table_lock_intr(tab);

	if (ret)
		return ret;
	tab->n++;
	mutex_unlock(&tab->m);
	return 0;
}

/* Passing the table by address: $0->lock becomes tab.lock. */
void by_address_ok(void)
{
	static struct table tab;

	table_lock(&tab);
	tab.n++;
	spin_unlock(&tab.lock);
}

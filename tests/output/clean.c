/* Fixture for tests/output/check.sh: correct locking, no findings. */
static spinlock_t l;

int add(int *p, int v)
{
	int old;

	spin_lock(&l);
	old = *p;
	*p = old + v;
	spin_unlock(&l);
	return old;
}

int try_add(int *p, int v)
{
	if (!spin_trylock(&l))
		return -1;
	*p += v;
	spin_unlock(&l);
	return 0;
}

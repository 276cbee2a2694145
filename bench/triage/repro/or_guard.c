struct pt { rte_spinlock_t lock; int n; };
int reset(struct pt *t, unsigned dst, int locked, int b)
{
	unsigned self = rte_lcore_id();
	if (dst == ~0u && self < 128)
		dst = next(self);
	if (b && self < 128)
		t[self].n = 1;
	if (dst != self || !locked)
		rte_spinlock_lock(&t[dst].lock);
	if (dst != self || !locked)
		rte_spinlock_unlock(&t[dst].lock);
	return 0;
}

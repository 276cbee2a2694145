struct pool { rte_spinlock_t lcore_lock; };
void *get(struct pool *p, int idx);
void *pool_get(struct pool *p)
{
	int idx = rte_lcore_index(rte_lcore_id());	/* -1 .. RTE_MAX_LCORE-1 */
	if (idx == -1) {
		idx = RTE_MAX_LCORE;			/* sentinel: "locked" */
		rte_spinlock_lock(&p->lcore_lock);
	}
	void *e = get(p, idx);
	if (idx == RTE_MAX_LCORE)
		rte_spinlock_unlock(&p->lcore_lock);
	return e;
}

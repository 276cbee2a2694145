int busy(void);
int send_cmd(rte_spinlock_t *l, unsigned max)
{
	unsigned cnt = 0;	/* max >= 1 */
	do {
		rte_spinlock_lock(l);
		if (!busy())
			break;		/* keep the lock to send */
		rte_spinlock_unlock(l);
	} while (++cnt < max);
	if (cnt >= max)
		return -1;
	rte_spinlock_unlock(l);
	return 0;
}

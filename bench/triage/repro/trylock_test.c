static rte_spinlock_t busy;	/* held by the main lcore for the whole test */
static int failures;
static int worker_try(void *arg)
{
	(void)arg;
	if (rte_spinlock_trylock(&busy) == 0)
		failures++;	/* expected: the lock is busy */
	return 0;
}

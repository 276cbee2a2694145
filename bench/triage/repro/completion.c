struct task { void (*fn)(void *); void *arg; rte_spinlock_t done; };
static void task_entry(void *p)		/* runs on another thread */
{
	struct task *t = p;
	t->fn(t->arg);
	rte_spinlock_unlock(&t->done);		/* signal completion */
}
int exec_sync(void (*fn)(void *), void *arg)
{
	struct task t = { fn, arg, RTE_SPINLOCK_INITIALIZER };
	rte_spinlock_lock(&t.done);
	schedule(task_entry, &t);
	rte_spinlock_lock(&t.done);		/* wait for task_entry */
	return 0;
}

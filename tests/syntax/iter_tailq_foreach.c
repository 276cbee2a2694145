/* TAILQ_FOREACH (sys/queue.h) and DPDK's RTE_TAILQ_FOREACH: upper-case iterator macros. */

struct rte_mempool_ops_entry {
	RTE_TAILQ_ENTRY(rte_mempool_ops_entry) next;
	rte_spinlock_t sl;
	int id;
	int users;
};

struct ops_registry {
	RTE_TAILQ_HEAD(, rte_mempool_ops_entry) head;
	rte_spinlock_t sl;
};

/* A match returns with the registry lock held; the miss path drops it. */
int ops_lookup_bug(struct ops_registry *reg, int id)
{
	struct rte_mempool_ops_entry *e;

	rte_spinlock_lock(&reg->sl);
	RTE_TAILQ_FOREACH(e, &reg->head, next) {
		if (e->id == id)
			return e->users; /* expect: inconsistent-return */
	}
	rte_spinlock_unlock(&reg->sl);
	return -ENOENT;
}

int ops_lookup_ok(struct ops_registry *reg, int id)
{
	struct rte_mempool_ops_entry *e;
	int users = -ENOENT;

	rte_spinlock_lock(&reg->sl);
	RTE_TAILQ_FOREACH(e, &reg->head, next) {
		if (e->id == id) {
			users = e->users;
			break;
		}
	}
	rte_spinlock_unlock(&reg->sl);
	return users;
}

struct job {
	TAILQ_ENTRY(job) link;
	pthread_mutex_t mtx;
	int done;
};

TAILQ_HEAD(job_list, job);

/* break out of the walk with the job's mutex held. */
int jobs_first_done_bug(struct job_list *jobs)
{
	struct job *j;
	int idx = 0;

	TAILQ_FOREACH(j, jobs, link) {
		pthread_mutex_lock(&j->mtx);
		if (j->done)
			break; /* expect: held-at-break */
		pthread_mutex_unlock(&j->mtx);
		idx++;
	}
	return idx;
}

int jobs_first_done_ok(struct job_list *jobs)
{
	struct job *j;
	int idx = 0, done;

	TAILQ_FOREACH(j, jobs, link) {
		pthread_mutex_lock(&j->mtx);
		done = j->done;
		pthread_mutex_unlock(&j->mtx);
		if (done)
			break;
		idx++;
	}
	return idx;
}

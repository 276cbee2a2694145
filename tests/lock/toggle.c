/* Helpers that take or drop a lock as their caller asks, locks kept in static locals, and
 * blocking locks whose failure only a misuse can cause. */

/* Correct: lock when acquire, unlock otherwise; the mutex is a static local (one object for
 * every call), and a failing lock or unlock only asserts. */
static void thread_lock(int acquire)
{
	static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;

	if (acquire) {
		if (pthread_mutex_lock(&big_lock))
			Assert(false);
	} else {
		if (pthread_mutex_unlock(&big_lock))
			Assert(false);
	}
}

/* Bug: the unlock way skips the unlock when busy. */
static void thread_lock_bug(int acquire, int busy)
{
	static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;

	if (acquire) {
		pthread_mutex_lock(&big_lock);
	} else {
		if (busy)
			return;
		pthread_mutex_unlock(&big_lock); /* expect: release-unheld */
	}
}

/* Correct: a wrapper whose lock can fail only on misuse, which it logs. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

void table_lock_take(void)
{
	if (pthread_mutex_lock(&table_lock) != 0)
		log_misuse("table_lock");
}

void table_lock_drop(void)
{
	pthread_mutex_unlock(&table_lock);
}

int table_count(struct table *t)
{
	int n;

	table_lock_take();
	n = t->n;
	table_lock_drop();
	return n;
}

/* Bug: a static local mutex left held on the error way. */
int counter_add(int v)
{
	static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
	static int counter;

	pthread_mutex_lock(&counter_lock);
	if (v < 0)
		return -1; /* expect: inconsistent-return */
	counter += v;
	pthread_mutex_unlock(&counter_lock);
	return 0;
}

/* A callback that hands the lock it took back to its caller in the argument struct the
 * caller passed as `void *` (`a->hold = bucket_trylock(...)`, read through a typed copy of
 * the argument): the caller unlocks through the struct. */

struct move_arg {
	unsigned int hv;
	void *hold;
	int status;
};

static pthread_mutex_t buckets[64];

void *bucket_trylock(unsigned int hv)
{
	pthread_mutex_t *lock = &buckets[hv & 63];

	if (pthread_mutex_trylock(lock) == 0)
		return lock;
	return NULL;
}

int item_busy(unsigned int hv);

/* Correct: on success the lock goes back to the caller in a->hold. */
int move_cb(void *arg)
{
	struct move_arg *a = arg;
	int status = 0;

	if ((a->hold = bucket_trylock(a->hv)) == NULL)
		status = 1;
	else if (item_busy(a->hv))
		status = 2;
	return status;
}

/* Bug: the lock is kept in a local; nobody can unlock it after the return. */
int move_cb_bug(void *arg)
{
	struct move_arg *a = arg;
	void *hold;
	int status = 0;

	if ((hold = bucket_trylock(a->hv)) == NULL)
		status = 1;
	else if (item_busy(a->hv))
		status = 2;
	return status; /* expect: inconsistent-return */
}

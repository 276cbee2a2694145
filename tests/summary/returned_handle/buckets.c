/* A trylock that hands back the lock it took (NULL when it is busy), and the unlock that
 * takes that pointer back: the caller's variable is another name for the bucket lock. */
#include <pthread.h>

static pthread_mutex_t bucket_locks[64];

void *bucket_trylock(unsigned int hv)
{
	pthread_mutex_t *lock = &bucket_locks[hv & 63];

	if (pthread_mutex_trylock(lock) == 0)
		return lock;
	return NULL;
}

void bucket_trylock_unlock(void *lock)
{
	pthread_mutex_unlock((pthread_mutex_t *)lock);
}

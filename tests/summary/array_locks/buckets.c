/* Locks kept in a global array, picked by a parameter: the helpers take and drop the
 * bucket the caller's argument picks, whatever the caller calls its variable. */
#include <pthread.h>

pthread_mutex_t bucket_locks[64];

void bucket_lock(unsigned int hv)
{
	pthread_mutex_lock(&bucket_locks[hv & 63]);
}

void bucket_unlock(unsigned int hv)
{
	pthread_mutex_unlock(&bucket_locks[hv & 63]);
}

/* Drops the lock of class `cls` once its scan is over. */
void class_done(int cls)
{
	pthread_mutex_unlock(&bucket_locks[cls]);
}

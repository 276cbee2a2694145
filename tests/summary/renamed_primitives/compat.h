/* A project that names its pthread calls after the kernel's (as memcached does): the
 * renamed call keeps pthread's convention, 0 when the try took the mutex. */
#define mutex_lock(m)		pthread_mutex_lock(m)
#define mutex_trylock(m)	pthread_mutex_trylock(m)
#define mutex_unlock(m)		pthread_mutex_unlock(m)

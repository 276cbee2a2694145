/* A project that names its pthread calls after the kernel's (memcached's memcached.h): the
 * renamed call keeps pthread's convention, 0 when the try took the mutex. */
#define mutex_lock(x) pthread_mutex_lock(x)
#define mutex_trylock(x) pthread_mutex_trylock(x)
#define mutex_unlock(x) pthread_mutex_unlock(x)

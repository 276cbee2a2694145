/* Lock macros in a header, the way many code bases lock: each is read as a small function
 * and summarised, so its uses in other files take and drop the lock. */
#define QUEUE_LOCK(q) spin_lock(&(q)->lock)
#define QUEUE_UNLOCK(q) do { \
		spin_unlock(&(q)->lock); \
	} while (0)

/* A logging wrapper around a pthread mutex. */
#define LOCKED_LOG_BEGIN(l) do { \
		log_prefix(); \
		pthread_mutex_lock(&(l)->mu); \
	} while (0)
#define LOCKED_LOG_END(l) pthread_mutex_unlock(&(l)->mu)

/* Not a lock macro at all. */
#define QUEUE_LEN(q) ((q)->tail - (q)->head)

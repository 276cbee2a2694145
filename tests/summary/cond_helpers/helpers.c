/* Helpers that lock only under a condition the caller can see (a flag of the device),
 * and the matching unlock helper testing the same flag: callers stay paired. */
void dev_enter(struct dev *dev)
{
	if (!(dev->flags & DEV_THREAD_SAFE))
		pthread_mutex_lock(&dev->ops_mutex);
}

void dev_exit(struct dev *dev)
{
	if (!(dev->flags & DEV_THREAD_SAFE))
		pthread_mutex_unlock(&dev->ops_mutex);
}

/* Lock macros testing a flag of the object, through a local copy of the argument. */
#define OBJ_LOCK(o) do { \
		struct obj *__o = (o); \
		if (obj_isset(__o, OBJ_LOCKED)) \
			spin_lock(&__o->lock); \
	} while (0)
#define OBJ_UNLOCK(o) do { \
		struct obj *__o = (o); \
		if (obj_isset(__o, OBJ_LOCKED)) \
			spin_unlock(&__o->lock); \
	} while (0)

/* An expression macro hands its value back: a trylock through a macro. */
#define dev_trylock(d) rte_spinlock_trylock(&(d)->sd->lock)
#define dev_unlock(d) rte_spinlock_unlock(&(d)->sd->lock)

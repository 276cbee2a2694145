/* Robust mutexes: pthread_mutex_lock returns EOWNERDEAD when the previous owner died
 * holding the mutex, and the caller holds it then, as with 0 (the profile row's also=). */
struct drv { pthread_mutex_t lock; int n; };
struct drv *g_drv;

/* A wrapper that makes the state consistent again and hands back what that says. */
static inline int robust_lock(pthread_mutex_t *mtx)
{
	int rc = pthread_mutex_lock(mtx);

	if (rc == EOWNERDEAD)
		rc = pthread_mutex_consistent(mtx);
	return rc;
}

static inline int robust_unlock(pthread_mutex_t *mtx)
{
	return pthread_mutex_unlock(mtx);
}

/* Correct: the wrapper's result is ignored, as callers of blocking locks do. */
void drv_bump(void)
{
	robust_lock(&g_drv->lock);
	g_drv->n++;
	robust_unlock(&g_drv->lock);
}

/* Correct: the owner died, so the data is given up; the mutex is held and dropped. */
int drv_update(struct drv *d, int v)
{
	int rc = pthread_mutex_lock(&d->lock);

	if (rc == EOWNERDEAD) {
		pthread_mutex_unlock(&d->lock);
		return -EIO;
	}
	if (rc != 0)
		return -rc;
	d->n = v;
	pthread_mutex_unlock(&d->lock);
	return 0;
}

/* Bug: the owner-died way returns with the mutex held. */
int drv_update_bug(struct drv *d, int v)
{
	int rc = pthread_mutex_lock(&d->lock);

	if (rc == EOWNERDEAD)
		return -EIO; /* expect: inconsistent-return */
	if (rc != 0)
		return -rc;
	d->n = v;
	pthread_mutex_unlock(&d->lock);
	return 0;
}

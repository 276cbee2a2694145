#include "compat.h"

struct cache { pthread_mutex_t lock; int n; };

/* Correct: 0 from the try means taken. */
int cache_try_bump(struct cache *c)
{
	if (mutex_trylock(&c->lock) == 0) {
		c->n++;
		mutex_unlock(&c->lock);
		return 0;
	}
	return -1;
}

/* Bug: unlocks also when the try failed. */
void cache_try_bump_bug(struct cache *c)
{
	if (mutex_trylock(&c->lock) == 0)
		c->n++;
	mutex_unlock(&c->lock); /* expect: release-unheld */
}

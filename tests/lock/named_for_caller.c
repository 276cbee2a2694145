/* A pull from a list that, when its caller asks, hands the item back with the item's
 * bucket lock still held, storing in the caller's struct what names that lock (the hash
 * that picks the bucket): the caller unlocks it with bucket_unlock(ret->hv). */

struct item { struct item *prev; const char *key; int refs; };
struct pulled { struct item *it; unsigned int hv; };

static pthread_mutex_t buckets[64];

unsigned int hash_key(const char *key);
void item_free(struct item *it);

/* Correct: with `keep`, the lock goes out with ret->hv; otherwise it is dropped here. */
int pull_tail(struct item *tail, int keep, struct pulled *ret)
{
	struct item *it = tail;
	unsigned int hv;

	if (it == NULL)
		return 0;
	hv = hash_key(it->key);
	pthread_mutex_lock(&buckets[hv & 63]);
	if (keep) {
		ret->it = it;
		ret->hv = hv;
		return 1;
	}
	item_free(it);
	pthread_mutex_unlock(&buckets[hv & 63]);
	return 1;
}

/* Bug: the busy way returns holding the lock.  The hash was written for the caller before
 * the lock was taken, which says nothing about the ways that return with it. */
int pull_tail_bug(struct item *tail, int keep, struct pulled *ret)
{
	struct item *it = tail;
	unsigned int hv;

	if (it == NULL)
		return 0;
	hv = hash_key(it->key);
	ret->hv = hv;
	pthread_mutex_lock(&buckets[hv & 63]);
	if (it->refs > 1)
		return 2; /* expect: inconsistent-return */
	if (keep) {
		ret->it = it;
		return 1;
	}
	item_free(it);
	pthread_mutex_unlock(&buckets[hv & 63]);
	return 1;
}

/* A pull that hands the item back with its bucket lock held and stores in the caller's
 * struct the hash that picks the bucket: its summary names the lock through that field,
 * so the caller's unlock by the same hash matches it. */
#include <pthread.h>

struct item { struct item *prev; const char *key; };
struct pulled { struct item *it; unsigned int hv; };

pthread_mutex_t buckets[64];
unsigned int hash_key(const char *key);

void bucket_unlock(unsigned int hv)
{
	pthread_mutex_unlock(&buckets[hv & 63]);
}

int pull_locked(struct item *tail, struct pulled *ret)
{
	unsigned int hv;

	if (tail == NULL)
		return -1;
	hv = hash_key(tail->key);
	pthread_mutex_lock(&buckets[hv & 63]);
	ret->it = tail;
	ret->hv = hv;
	return 0;
}

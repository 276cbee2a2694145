/* An iterator that keeps whether it holds its bucket's lock in the iterator itself: each
 * call takes the next bucket and sets `bucket_locked`, or drops the bucket the previous
 * call left locked (the flag says so) and clears it.  The hold passes from one call to the
 * next through the object; the final call drops what is left. */

struct node {
	struct node *next;
};

struct iter {
	unsigned long bucket;
	struct node *it;
	bool bucket_locked;
};

extern struct node *heads[256];
extern pthread_mutex_t bucket_locks[256];

bool iter_next(struct iter *iter, struct node **out)
{
	*out = NULL;
	if (iter->bucket_locked) {
		if (iter->it && iter->it->next) {
			iter->it = iter->it->next;
			*out = iter->it;
		} else {
			pthread_mutex_unlock(&bucket_locks[iter->bucket]);
			iter->bucket++;
			iter->bucket_locked = false;
		}
		return true;
	}
	if (iter->bucket == 256)
		return false;
	pthread_mutex_lock(&bucket_locks[iter->bucket]);
	iter->bucket_locked = true;
	iter->it = heads[iter->bucket];
	if (iter->it) {
		*out = iter->it;
	} else {
		pthread_mutex_unlock(&bucket_locks[iter->bucket]);
		iter->bucket_locked = false;
		iter->bucket++;
	}
	return true;
}

/* Bug: a stop request returns with the bucket taken but the flag not set, so no later
 * call drops it. */
bool iter_next_bug(struct iter *iter, struct node **out, bool stop)
{
	*out = NULL;
	if (iter->bucket_locked) {
		if (iter->it && iter->it->next) {
			iter->it = iter->it->next;
			*out = iter->it;
		} else {
			pthread_mutex_unlock(&bucket_locks[iter->bucket]);
			iter->bucket++;
			iter->bucket_locked = false;
		}
		return true;
	}
	if (iter->bucket == 256)
		return false;
	pthread_mutex_lock(&bucket_locks[iter->bucket]);
	if (stop)
		return false; /* expect: inconsistent-return */
	iter->bucket_locked = true;
	iter->it = heads[iter->bucket];
	if (iter->it) {
		*out = iter->it;
	} else {
		pthread_mutex_unlock(&bucket_locks[iter->bucket]);
		iter->bucket_locked = false;
		iter->bucket++;
	}
	return true;
}

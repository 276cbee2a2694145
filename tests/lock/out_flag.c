/* A lookup that returns with the table lock held whether or not it found the entry, except
 * when the entry is over its reference limit: then it drops the lock, returns NULL and says
 * so through the `bool *overflow` its caller passed.  NULL comes back both ways; the flag
 * tells them apart. */

struct entry {
	int refs;
};

struct table {
	pthread_mutex_t lock;
};

struct entry *find_entry(struct table *t, int key);
void use_entry(struct entry *e);

struct entry *lookup_locked(struct table *t, int key, bool *overflow)
{
	struct entry *e;

	pthread_mutex_lock(&t->lock);
	e = find_entry(t, key);
	if (e && e->refs > 100) {
		pthread_mutex_unlock(&t->lock);
		*overflow = true;
		return NULL;
	}
	*overflow = false;
	return e;
}

/* Correct: the flag says the lock is gone; otherwise it is held, found or not.  What the
 * caller put in the flag before the call does not matter. */
int get_ok(struct table *t, int key)
{
	bool overflow = false;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (overflow)
		return -1;
	if (e)
		use_entry(e);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Bug: a miss returns with the lock still held. */
int get_bug(struct table *t, int key)
{
	bool overflow;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (overflow)
		return -1;
	if (!e)
		return -2; /* expect: inconsistent-return */
	use_entry(e);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Bug: the overflow way has dropped the lock already. */
int get_unlock_bug(struct table *t, int key)
{
	bool overflow;
	struct entry *e = lookup_locked(t, key, &overflow);

	if (e)
		use_entry(e);
	pthread_mutex_unlock(&t->lock); /* expect: release-unheld */
	return overflow ? -1 : 0;
}

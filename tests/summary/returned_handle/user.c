/* Callers that keep the pointer the trylock hands back and release through it. */
struct entry {
	unsigned int hv;
	int refs;
};

int entry_busy(struct entry *e);
int slot_busy(unsigned int slot);
void slot_clear(unsigned int slot);

int sweep_ok(unsigned int nslots)
{
	int freed = 0;

	for (unsigned int i = 0; i < nslots; i++) {
		void *hold;

		if ((hold = bucket_trylock(i)) == NULL)
			continue;
		if (slot_busy(i)) {
			bucket_trylock_unlock(hold);
			continue;
		}
		slot_clear(i);
		freed++;
		bucket_trylock_unlock(hold);
	}
	return freed;
}

int sweep_bug(unsigned int nslots)
{
	int freed = 0;

	for (unsigned int i = 0; i < nslots; i++) {
		void *hold;

		if ((hold = bucket_trylock(i)) == NULL) /* expect: held-across-iteration */
			continue;
		if (slot_busy(i))
			continue;
		slot_clear(i);
		freed++;
		bucket_trylock_unlock(hold);
	}
	return freed;
}

int clear_one_ok(struct entry *e)
{
	void *hold = bucket_trylock(e->hv);

	if (hold == NULL)
		return -1;
	e->refs = 0;
	pthread_mutex_unlock(hold);
	return 0;
}

int clear_one_bug(struct entry *e)
{
	void *hold = bucket_trylock(e->hv);

	if (hold == NULL)
		return -1;
	if (entry_busy(e))
		return -2; /* expect: inconsistent-return */
	e->refs = 0;
	pthread_mutex_unlock(hold);
	return 0;
}

#include "thread.h"

/* Correct: locked and unlocked through the macro and the prototypes. */
int table_add(struct table *t, int v)
{
	my_mutex_lock(&t->mutex);
	if (v < 0) {
		my_mutex_unlock(&t->mutex);
		return -1;
	}
	t->n += v;
	my_mutex_unlock(&t->mutex);
	return 0;
}

/* Correct: the try says 0 when it took the mutex. */
int table_try_add(struct table *t, int v)
{
	if (my_mutex_trylock(&t->mutex))
		return -1;
	t->n += v;
	my_mutex_unlock(&t->mutex);
	return 0;
}

/* Bug: the negative way keeps the mutex. */
int table_add_bug(struct table *t, int v)
{
	my_mutex_lock(&t->mutex);
	if (v < 0)
		return -1; /* expect: inconsistent-return */
	t->n += v;
	my_mutex_unlock(&t->mutex);
	return 0;
}

/* Bug: unlocks after a failed try. */
void table_try_bug(struct table *t)
{
	int busy = my_mutex_trylock(&t->mutex);

	t->n++;
	my_mutex_unlock(&t->mutex); /* expect: release-unheld */
	(void) busy;
}

/* Correct as far as we are asked: its authors turned the checking off for it (a lock
 * handed over to another thread). */
void table_handoff(struct table *t)
	MY_NO_ANALYSIS
{
	my_mutex_lock(&t->mutex);
	if (t->n)
		return;
	my_mutex_unlock(&t->mutex);
}

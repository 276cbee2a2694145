/* A function whose value is a condition (`return !o->done && !trylock(&o->m);`): it
 * returns true exactly where the condition holds, and the try's outcome goes with it. */
struct once { int done; pthread_mutex_t mutex; };

/* Correct: true with the mutex held, false without. */
static inline bool once_start(struct once *o)
{
	return unlikely(!o->done && !pthread_mutex_trylock(&o->mutex));
}

void once_done(struct once *o)
{
	o->done = 1;
	pthread_mutex_unlock(&o->mutex);
}

/* Correct: the one that starts finishes. */
void init_tables(void)
{
	static struct once tables_once;

	if (once_start(&tables_once)) {
		setup_tables();
		once_done(&tables_once);
	}
}

/* Bug: finishes whether or not it started. */
void init_tables_bug(void)
{
	static struct once tables_once;

	if (once_start(&tables_once))
		setup_tables();
	once_done(&tables_once); /* expect: release-unheld */
}

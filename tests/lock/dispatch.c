/* Helpers that take or drop locks by a mode their caller passes: a switch on the mode,
 * some cases taking the locks (with fall-through to the cases they include) and others
 * dropping them.  The callers pair the modes, so the helper itself is balanced. */

enum pause_kind { STOP_ALL, STOP_WORKERS, START_ALL, START_WORKERS };

static pthread_mutex_t hang_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t sweeper_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t compact_lock = PTHREAD_MUTEX_INITIALIZER;
static int waiting;

static void sweeper_stop(void)
{
	pthread_mutex_lock(&sweeper_lock);
}

static void sweeper_start(void)
{
	pthread_mutex_unlock(&sweeper_lock);
}

/* Correct: STOP_* take the locks, START_* drop them; only the stops wake the workers.  The
 * compactor's lock exists in one configuration only: each configuration is balanced. */
void set_paused(enum pause_kind kind)
{
	int wake = 0;

	switch (kind) {
	case STOP_ALL:
		sweeper_stop();
#ifdef WITH_COMPACTOR
		pthread_mutex_lock(&compact_lock);
#endif
		/* fall through */
	case STOP_WORKERS:
		wake = 1;
		pthread_mutex_lock(&hang_lock);
		break;
	case START_ALL:
		sweeper_start();
#ifdef WITH_COMPACTOR
		pthread_mutex_unlock(&compact_lock);
#endif
		/* fall through */
	case START_WORKERS:
		pthread_mutex_unlock(&hang_lock);
		break;
	default:
		break;
	}
	if (!wake)
		return;
	pthread_mutex_lock(&count_lock);
	waiting = 0;
	wake_workers();
	pthread_mutex_unlock(&count_lock);
}

/* Correct: the same with if/else on the mode. */
void set_paused_if(enum pause_kind kind)
{
	if (kind == STOP_WORKERS)
		pthread_mutex_lock(&hang_lock);
	else if (kind == START_WORKERS)
		pthread_mutex_unlock(&hang_lock);
}

/* Bug: the start case gives up early when the workers are busy and keeps them hung. */
void set_paused_bug(enum pause_kind kind, int busy)
{
	switch (kind) {
	case STOP_WORKERS:
		pthread_mutex_lock(&hang_lock);
		break;
	case START_WORKERS:
		if (busy)
			return;
		pthread_mutex_unlock(&hang_lock); /* expect: release-unheld */
		break;
	default:
		break;
	}
}

/* Bug: the stop case leaves on an error with the sweeper stopped, unlike its other way.
 * The stop case takes and gives back, so this is no mode helper; the count most ways end
 * with is 0, and the finding lands on the start case's drop. */
int set_paused_err(enum pause_kind kind)
{
	switch (kind) {
	case STOP_ALL:
		pthread_mutex_lock(&sweeper_lock);
		if (wake_workers() < 0)
			return -1;
		pthread_mutex_unlock(&sweeper_lock);
		break;
	case START_ALL:
		pthread_mutex_unlock(&sweeper_lock); /* expect: release-unheld */
		break;
	default:
		break;
	}
	return 0;
}

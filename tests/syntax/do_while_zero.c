/* do { ... } while (0): as the body of a statement-like macro written out in place (a
 * block that runs once, `break` jumps to its end), and as a real loop. */

struct ring {
	spinlock_t lock;
	unsigned int head, tail, size;
	int stopped;
};

/* Written-out macro body: the `break` inside do-while(0) skips the unlock. */
int ring_push_bug(struct ring *r, int v)
{
	int ret = 0;

	do {
		spin_lock(&r->lock);
		if (r->head - r->tail >= r->size) {
			ret = -ENOSPC;
			break; /* expect: held-at-break */
		}
		r->head++;
		spin_unlock(&r->lock);
	} while (0);
	return ret;
}

int ring_push_ok(struct ring *r, int v)
{
	int ret = 0;

	do {
		spin_lock(&r->lock);
		if (r->head - r->tail >= r->size) {
			ret = -ENOSPC;
			spin_unlock(&r->lock);
			break;
		}
		r->head++;
		spin_unlock(&r->lock);
	} while (0);
	return ret;
}

/* The lock taken outside, do-while(0) used only to have a `break`: the break path and the
 * straight path both reach the unlock. */
int ring_pop_ok(struct ring *r)
{
	int v = -1;

	spin_lock(&r->lock);
	do {
		if (r->stopped)
			break;
		if (r->head == r->tail)
			break;
		v = r->tail++;
	} while (0);
	spin_unlock(&r->lock);
	return v;
}

/* ... and a return inside it skips the unlock. */
int ring_pop_bug(struct ring *r)
{
	int v = -1;

	spin_lock(&r->lock);
	do {
		if (r->stopped)
			return -ESHUTDOWN; /* expect: inconsistent-return */
		if (r->head == r->tail)
			break;
		v = r->tail++;
	} while (0);
	spin_unlock(&r->lock);
	return v;
}

/* A real do-while loop: retries with the lock dropped around the wait.  Giving up
 * breaks out with the lock dropped, and the unlock after the loop releases it again. */
int ring_wait_bug(struct ring *r)
{
	int tries = 0;

	spin_lock(&r->lock);
	do {
		if (r->head != r->tail)
			break;
		spin_unlock(&r->lock);
		if (++tries > 10)
			break;
		cpu_relax();
		spin_lock(&r->lock);
	} while (!r->stopped);
	spin_unlock(&r->lock); /* expect: double-release */
	return tries;
}

int ring_wait_ok(struct ring *r)
{
	int tries = 0;

	spin_lock(&r->lock);
	do {
		if (r->head != r->tail)
			break;
		spin_unlock(&r->lock);
		if (++tries > 10) {
			spin_lock(&r->lock);
			break;
		}
		cpu_relax();
		spin_lock(&r->lock);
	} while (!r->stopped);
	spin_unlock(&r->lock);
	return tries;
}

/* The shape a statement macro expands to under an unbraced if/else:
 * `if (c) do { ... } while (0); else do { ... } while (0);`.  The first arm forgets the
 * unlock. */
void ring_stop_bug(struct ring *r, int force)
{
	if (force)
		do {
			spin_lock(&r->lock);
			r->stopped = 1;
		} while (0);
	else
		do {
			spin_lock(&r->lock);
			r->stopped = 2;
			spin_unlock(&r->lock);
		} while (0);
} /* expect: inconsistent-return */

void ring_stop_ok(struct ring *r, int force)
{
	if (force)
		do {
			spin_lock(&r->lock);
			r->stopped = 1;
			spin_unlock(&r->lock);
		} while (0);
	else
		do {
			spin_lock(&r->lock);
			r->stopped = 2;
			spin_unlock(&r->lock);
		} while (0);
}

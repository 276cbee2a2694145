/* A retry loop that keeps the lock when it breaks out: `do { lock; if (idle) break;
 * unlock; } while (++cnt < max);`.  After it, `cnt >= max` says the retries ran out (the
 * lock was dropped); below that the lock is held.  A counter still at zero is taken to be
 * below its bound: a first pass that breaks out has used no retry up. */
struct mbox { spinlock_t lock; int pending; int ready; };

int mbox_busy(struct mbox *m);
void mbox_send(struct mbox *m, int cmd);

/* Correct: the lock is held exactly when the retries did not run out. */
int mbox_cmd(struct mbox *m, int cmd, unsigned int max_retries)
{
	unsigned int cnt = 0;

	do {
		spin_lock(&m->lock);
		if (!mbox_busy(m))
			break;
		spin_unlock(&m->lock);
		udelay(10);
	} while (++cnt < max_retries);

	if (cnt >= max_retries)
		return -EAGAIN;
	mbox_send(m, cmd);
	spin_unlock(&m->lock);
	return 0;
}

/* Bug: a second check after the loop returns with the lock held (reported where the lock
 * leaves the loop, with the return in the notes). */
int mbox_cmd_bug(struct mbox *m, int cmd, unsigned int max_retries)
{
	unsigned int cnt = 0;

	do {
		spin_lock(&m->lock);
		if (!mbox_busy(m))
			break; /* expect: held-at-break */
		spin_unlock(&m->lock);
	} while (++cnt < max_retries);

	if (cnt >= max_retries)
		return -EAGAIN;
	if (!m->ready)
		return -EIO;
	mbox_send(m, cmd);
	spin_unlock(&m->lock);
	return 0;
}

/* Bug: without the check, running out of retries leaves nothing to unlock. */
int mbox_cmd_nocheck_bug(struct mbox *m, int cmd, unsigned int max_retries)
{
	unsigned int cnt = 0;

	do {
		spin_lock(&m->lock);
		if (!mbox_busy(m))
			break;
		spin_unlock(&m->lock);
	} while (++cnt < max_retries);

	mbox_send(m, cmd);
	spin_unlock(&m->lock); /* expect: double-release */
	return 0;
}

/* Correct: the same check written the other way round. */
int mbox_cmd_swapped(struct mbox *m, int cmd, unsigned int max_retries)
{
	unsigned int cnt = 0;

	do {
		spin_lock(&m->lock);
		if (!mbox_busy(m))
			break;
		spin_unlock(&m->lock);
	} while (++cnt < max_retries);

	if (max_retries <= cnt)
		return -EAGAIN;
	mbox_send(m, cmd);
	spin_unlock(&m->lock);
	return 0;
}

/* Reported lines must be the lines of the original file: the pre-pass blanks macros
 * byte for byte and keeps every newline, so nothing moves.  Each function below has its
 * bug after something that spans several lines: an attribute macro whose arguments run
 * over three lines, a block comment, a multi-line #define with continuation lines, a
 * multi-line string, and a rewritten iterator head split over lines.  (Columns are
 * checked by the CFG golden files in tests/cfg, whose events carry line:col.) */

#define LOCKED_OP(d, op)		\
	do {				\
		spin_lock(&(d)->lock);	\
		op;			\
		spin_unlock(&(d)->lock);\
	} while (0)

struct blk_dev {
	spinlock_t lock;
	struct mutex mutex;
	struct list_head waiters;
	int queued;
	int flags;
};

static int __must_check __printf(3,
				 4)
blk_dev_log_bug(struct blk_dev *d, int level,
		const char *fmt, ...)
	__must_hold(
		&d->lock
	)
{
	/*
	 * A comment of several lines
	 * before the statement that
	 * goes wrong.
	 */
	spin_lock(&d->mutex_spare);
	if (level > 3)
		return -EINVAL; /* expect: inconsistent-return */
	spin_unlock(&d->mutex_spare);
	if (level > 2)
		return -EIO;
	return 0;
}

static int __must_check __printf(3,
				 4)
blk_dev_log_ok(struct blk_dev *d, int level,
		const char *fmt, ...)
	__must_hold(
		&d->lock
	)
{
	/*
	 * A comment of several lines.
	 */
	if (level > 3)
		return -EINVAL;
	spin_lock(&d->mutex_spare);
	spin_unlock(&d->mutex_spare);
	return 0;
}

/* A multi-line string literal (adjacent strings) and a comment inside the argument list
 * of the second lock call, whose warning belongs on the line of the call (its start);
 * the comment is not an argument. */
void blk_dev_warn_bug(struct blk_dev *d)
{
	mutex_lock(&d->mutex);
	pr_warn("blk_dev: queue %d "
		"is stuck, flags %#x "
		"(resetting)\n", d->queued,
		d->flags);
	mutex_lock(/* the same one */
		   &d->mutex); /* expect@-1: double-acquire */
	mutex_unlock(&d->mutex);
}

void blk_dev_warn_ok(struct blk_dev *d)
{
	mutex_lock(&d->mutex);
	pr_warn("blk_dev: queue %d "
		"is stuck, flags %#x "
		"(resetting)\n", d->queued,
		d->flags);
	mutex_unlock(/* the same one */
		     &d->mutex);
}

/* The iterator head is split over three lines; the break is reported on its own line. */
void blk_dev_wake_bug(struct blk_dev *d)
{
	struct waiter *w;

	list_for_each_entry(w,
			    &d->waiters,
			    node) {
		spin_lock(&w->lock);
		if (w->woken)
			break; /* expect: held-at-break */
		w->woken = 1;
		spin_unlock(&w->lock);
	}
}

void blk_dev_wake_ok(struct blk_dev *d)
{
	struct waiter *w;

	list_for_each_entry(w,
			    &d->waiters,
			    node) {
		spin_lock(&w->lock);
		if (!w->woken)
			w->woken = 1;
		spin_unlock(&w->lock);
	}
}

/* A function that falls off its end: the implicit return is the closing brace's line,
 * which here comes after a trailing comment block. */
void blk_dev_kick_bug(struct blk_dev *d)
{
	spin_lock(&d->lock);
	if (d->queued) {
		spin_unlock(&d->lock);
		return;
	}
	d->flags |= 1;
	/*
	 * Forgot to unlock.
	 */
} /* expect: inconsistent-return */

void blk_dev_kick_ok(struct blk_dev *d)
{
	spin_lock(&d->lock);
	if (d->queued) {
		spin_unlock(&d->lock);
		return;
	}
	d->flags |= 1;
	/*
	 * Unlocked below.
	 */
	spin_unlock(&d->lock);
}

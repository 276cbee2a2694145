/* A held lock passed, as itself, to a function whose lock effect we cannot see (outside
 * the files given, or dropping it through calls we cannot read), and never named again:
 * that function took it over (a read whose completion unlocks the page).  A function
 * that only waits with the lock (cv_wait) is followed by the caller's own unlock, so a
 * leak after it is still found. */
struct page;
struct file;
struct dev { kmutex_t lock; kcondvar_t cv; int ready; int error; };

int submit_page_read(struct file *f, struct page *page);	/* unlocks when the read completes */
int page_uptodate(struct page *page);

/* Correct: the locked page goes to the read, whose completion unlocks it. */
int read_one(struct file *f, struct page *page)
{
	lock_page(page);
	if (page_uptodate(page)) {
		unlock_page(page);
		return 0;
	}
	return submit_page_read(f, page);
}

/* Bug: the up-to-date way returns with the page locked and hands it to nobody. */
int read_one_bug(struct file *f, struct page *page, int flags)
{
	lock_page(page);
	if (flags < 0) {
		unlock_page(page);
		return -EINVAL;
	}
	if (page_uptodate(page))
		return 0; /* expect: inconsistent-return */
	return submit_page_read(f, page);
}

/* Bug: the wait keeps the lock; the error return forgets to drop it. */
int wait_ready_bug(struct dev *d)
{
	mutex_enter(&d->lock);
	while (!d->ready)
		cv_wait(&d->cv, &d->lock);
	if (d->error)
		return (EIO); /* expect: inconsistent-return */
	mutex_exit(&d->lock);
	return (0);
}

/* Correct: the same with the unlock on both ways. */
int wait_ready(struct dev *d)
{
	int err = 0;

	mutex_enter(&d->lock);
	while (!d->ready)
		cv_wait(&d->cv, &d->lock);
	if (d->error)
		err = EIO;
	mutex_exit(&d->lock);
	return (err);
}

/* Asynchronous completion: the function takes a lock and starts an I/O whose completion
 * callback, passed by name, releases it.  The lock is handed to the callback, not leaked.
 * (An untagged lock: a spa_config hold tagged with the device would be the device's own
 * business, see owner_tag.c.) */
struct io { struct dev *io_dev; void *io_private; };

static void write_done(struct io *io)
{
	/* runs when the write completes: the submitter's lock is ours to drop */
	rw_exit(&io->io_dev->dev_spa->spa_state_lock);
}

/* Correct: the early return drops the lock itself; the other way hands it to write_done. */
void submit_write(struct dev *dev, int stop)
{
	struct spa *spa = dev->dev_spa;

	rw_enter(&spa->spa_state_lock, RW_READER);
	if (stop) {
		rw_exit(&spa->spa_state_lock);
		return;
	}
	io_nowait(io_write(dev, write_done, NULL));
}

/* Bug: the callback passed here drops nothing, so the lock stays held on the last return. */
static void read_done(struct io *io)
{
	io_free(io);
}

void submit_read(struct dev *dev, int stop)
{
	struct spa *spa = dev->dev_spa;

	rw_enter(&spa->spa_state_lock, RW_READER);
	if (stop) {
		rw_exit(&spa->spa_state_lock);
		return;
	}
	io_nowait(io_read(dev, read_done, NULL));
} /* expect: inconsistent-return */

/* Bug: the callback releases a different lock than the one still held. */
static void flush_done(struct io *io)
{
	mutex_exit(&io->io_dev->dev_flush_lock);
}

void submit_flush(struct dev *dev, int stop)
{
	struct state *st = dev->dev_state;

	mutex_enter(&st->dev_state_lock);
	if (stop) {
		mutex_exit(&st->dev_state_lock);
		return;
	}
	io_nowait(io_flush(dev, flush_done, NULL));
} /* expect: inconsistent-return */

/* A lock used as a completion signal: taken here, taken again to wait until the task
 * (run elsewhere) drops it.  Correct, the callback releases it between the two. */
struct task { void (*fn)(void *); void *arg; spinlock_t done; };

static void task_entry(void *p)
{
	struct task *t = p;
	t->fn(t->arg);
	spin_unlock(&t->done);
}

int exec_sync(void (*fn)(void *), void *arg)
{
	struct task t = { fn, arg };
	spin_lock_init(&t.done);
	spin_lock(&t.done);
	schedule_task(task_entry, &t);
	spin_lock(&t.done);
	spin_unlock(&t.done);
	return 0;
}

/* Bug: nothing is scheduled that would drop it, so the second take deadlocks. */
int exec_wait_bug(struct task *t)
{
	spin_lock(&t->done);
	spin_lock(&t->done); /* expect: double-acquire */
	spin_unlock(&t->done);
	return 0;
}

static void trim_done(struct io *io)
{
	rw_exit(&io->io_dev->dev_spa->spa_state_lock);
}

/* Correct: the callback is chosen first and passed through a variable. */
void submit_trim(struct dev *dev, int manual)
{
	struct spa *spa = dev->dev_spa;
	void (*cb)(struct io *);

	rw_enter(&spa->spa_state_lock, RW_READER);
	if (dev->dev_gone) {
		rw_exit(&spa->spa_state_lock);
		return;
	}
	if (manual)
		cb = write_done;
	else
		cb = trim_done;
	io_nowait(io_trim(dev, cb, NULL));
}

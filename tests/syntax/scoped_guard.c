/* scoped_guard(class, args) { ... }: the lock is held over the block and released on
 * every way out of it (the cleanup attribute underneath), so a return inside is fine. */

struct fan {
	spinlock_t lock;
	struct mutex mutex;
	int rpm;
	int target;
	int failed;
};

int fan_set_ok(struct fan *f, int rpm)
{
	scoped_guard(spinlock, &f->lock) {
		if (f->failed)
			return -EIO;
		f->target = rpm;
	}
	return 0;
}

/* An explicit unlock inside the scope: the scope exit releases it a second time. */
int fan_set_bug(struct fan *f, int rpm)
{
	scoped_guard(spinlock, &f->lock) {
		if (f->failed) {
			spin_unlock(&f->lock);
			return -EIO; /* expect: double-release */
		}
		f->target = rpm;
	}
	return 0;
}

/* The same mistake on the way out at the end of the block: the scope-exit release happens
 * at the block's closing brace. */
void fan_park_bug(struct fan *f)
{
	scoped_guard(spinlock, &f->lock) {
		f->target = 0;
		spin_unlock(&f->lock);
	} /* expect: double-release */
}

void fan_park_ok(struct fan *f)
{
	scoped_guard(spinlock, &f->lock) {
		f->target = 0;
	}
}

/* A lock taken by hand inside the scope is not covered by the guard. */
int fan_read_bug(struct fan *f)
{
	int rpm;

	scoped_guard(spinlock_irqsave, &f->lock) {
		mutex_lock(&f->mutex);
		if (f->failed)
			return -EIO; /* expect: inconsistent-return */
		rpm = f->rpm;
		mutex_unlock(&f->mutex);
	}
	return rpm;
}

int fan_read_ok(struct fan *f)
{
	int rpm;

	scoped_guard(spinlock_irqsave, &f->lock) {
		if (f->failed)
			return -EIO;
		rpm = f->rpm;
	}
	return rpm;
}

/* A guard scope with a single statement for a body, and a break out of it (scoped_guard
 * is a one-trip for loop underneath: break leaves the scope and releases the lock). */
void fan_stop_ok(struct fan *f)
{
	scoped_guard(mutex, &f->mutex)
		f->target = 0;
	scoped_guard(mutex, &f->mutex) {
		if (!f->rpm)
			break;
		f->rpm = 0;
	}
}

/* Taking the guarded lock again inside its own scope: a self-deadlock.  KNOWN FALSE
 * ALARM as well: the second acquire is not counted (it is reported instead), so the
 * explicit unlock drops the guard's hold and the scope exit is then reported as a
 * double release, at the closing brace. */
void fan_stop_bug(struct fan *f)
{
	scoped_guard(mutex, &f->mutex) {
		mutex_lock(&f->mutex); /* expect: double-acquire */
		f->target = 0;
		mutex_unlock(&f->mutex);
	} /* known-fp: double-release */
}

/* scoped_cond_guard(class, fail, args): the fail action runs when the lock cannot be
 * taken (here: interrupted), and the body runs with it held. */
int fan_wait_ok(struct fan *f)
{
	scoped_cond_guard(mutex_intr, return -EINTR, &f->mutex) {
		if (f->failed)
			return -EIO;
		f->target = f->rpm;
	}
	return 0;
}

int fan_wait_bug(struct fan *f)
{
	scoped_cond_guard(mutex_intr, return -EINTR, &f->mutex) {
		spin_lock(&f->lock);
		if (f->failed)
			return -EIO; /* expect: inconsistent-return */
		f->target = f->rpm;
		spin_unlock(&f->lock);
	}
	return 0;
}

/* Attribute-like macros around a function definition: in front of the name, between the
 * parameter list and the body, with and without arguments.  They are blanked by the
 * pre-pass; the functions must parse cleanly (a body with a syntax error would not be
 * reported at all, so each *_bug below being reported proves its head was read). */

struct dev_ctx {
	spinlock_t lock;
	struct mutex cfg_mutex;
	int state;
	int users;
};

static spinlock_t table_lock;

/* Storage class, __init and __must_check before the name, __acquires(x) after it: the
 * function returns with the lock held on every path (the annotation says so).  Taking it
 * a second time is a self-deadlock whatever the annotation. */
static int __init __must_check table_lock_bug(struct dev_ctx *d) __acquires(table_lock)
{
	spin_lock(&table_lock);
	if (d->state < 0)
		spin_lock(&table_lock); /* expect: double-acquire */
	d->users++;
	return 0;
}

static int __init __must_check table_lock_ok(struct dev_ctx *d) __acquires(table_lock)
{
	spin_lock(&table_lock);
	d->users++;
	return 0;
}

static __always_inline void ctx_get_bug(struct dev_ctx *d)
{
	spin_lock(&d->lock);
	if (d->state < 0)
		return; /* expect: inconsistent-return */
	d->users++;
	spin_unlock(&d->lock);
}

static __always_inline void ctx_get_ok(struct dev_ctx *d)
{
	spin_lock(&d->lock);
	if (d->state >= 0)
		d->users++;
	spin_unlock(&d->lock);
}

/* DPDK: __rte_experimental on its own line, __rte_unused on a parameter. */
__rte_experimental
int
rte_ctx_poll_bug(struct dev_ctx *d, int flags __rte_unused)
{
	rte_spinlock_lock(&d->sl);
	if (d->state == 0)
		return -EAGAIN; /* expect: inconsistent-return */
	if (d->state < 0) {
		rte_spinlock_unlock(&d->sl);
		return -EIO;
	}
	rte_spinlock_unlock(&d->sl);
	return 0;
}

__rte_experimental
int
rte_ctx_poll_ok(struct dev_ctx *d, int flags __rte_unused)
{
	int ret = 0;

	rte_spinlock_lock(&d->sl);
	if (d->state == 0)
		ret = -EAGAIN;
	else if (d->state < 0)
		ret = -EIO;
	rte_spinlock_unlock(&d->sl);
	return ret;
}

/* noinline, and __rte_always_inline (blanked as an __rte_ name). */
static noinline int ctx_cfg_bug(struct dev_ctx *d, int v)
{
	mutex_lock(&d->cfg_mutex);
	if (v > 16)
		goto out;
	d->state = v;
	mutex_unlock(&d->cfg_mutex);
out:
	return 0; /* expect: inconsistent-return */
}

static noinline int ctx_cfg_ok(struct dev_ctx *d, int v)
{
	mutex_lock(&d->cfg_mutex);
	if (v > 16)
		goto out;
	d->state = v;
out:
	mutex_unlock(&d->cfg_mutex);
	return 0;
}

static __rte_always_inline void rte_ctx_bump_bug(struct dev_ctx *d)
{
	rte_spinlock_lock(&d->sl);
	d->users++;
	rte_spinlock_lock(&d->sl); /* expect: double-acquire */
}

static __rte_always_inline void rte_ctx_bump_ok(struct dev_ctx *d)
{
	rte_spinlock_lock(&d->sl);
	d->users++;
	rte_spinlock_unlock(&d->sl);
}

/* __releases(x) on its own line between the parameters and the body: the function is
 * entered with the lock held and drops it.  Dropping it twice is a bug on any reading. */
static void ctx_put_locked_bug(struct dev_ctx *d)
	__releases(&d->lock)
{
	d->users--;
	spin_unlock(&d->lock);
	if (!d->users)
		spin_unlock(&d->lock); /* expect: double-release */
}

static void ctx_put_locked_ok(struct dev_ctx *d)
	__releases(&d->lock)
{
	d->users--;
	spin_unlock(&d->lock);
}

/* __must_hold(&l): held on entry and on exit; dropping and re-taking it inside is fine,
 * dropping it twice is not. */
static int ctx_wait_bug(struct dev_ctx *d) __must_hold(&d->lock)
{
	while (d->state == 0) {
		spin_unlock(&d->lock);
		if (signal_pending(current)) {
			spin_unlock(&d->lock); /* expect: double-release */
			return -EINTR; /* expect: annotation-mismatch */
		}
		cpu_relax();
		spin_lock(&d->lock);
	}
	return 0;
}

static int ctx_wait_ok(struct dev_ctx *d) __must_hold(&d->lock)
{
	while (d->state == 0) {
		spin_unlock(&d->lock);
		cpu_relax();
		spin_lock(&d->lock);
		if (signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* Same head; the lock, known to be held on entry because the first thing done to it is a
 * release, is re-taken and then taken once more: a double acquire (the acquire of a held
 * lock is reported and not counted, so the returns agree). */
static int ctx_relock_bug(struct dev_ctx *d) __must_hold(&d->lock)
{
	spin_unlock(&d->lock);
	cpu_relax();
	spin_lock(&d->lock);
	if (signal_pending(current)) {
		spin_lock(&d->lock); /* expect: double-acquire */
		return -EINTR;
	}
	return 0;
}

static int ctx_relock_ok(struct dev_ctx *d) __must_hold(&d->lock)
{
	spin_unlock(&d->lock);
	cpu_relax();
	spin_lock(&d->lock);
	if (signal_pending(current))
		return -EINTR;
	return 0;
}

/* Several attributes in a row, one with arguments, on a prototype and then the
 * definition: the prototype is not a function definition and is skipped. */
static __printf(2, 3) __cold __maybe_unused void ctx_log_bug(struct dev_ctx *d, const char *fmt, ...);

static __printf(2, 3) __cold __maybe_unused void ctx_log_bug(struct dev_ctx *d, const char *fmt, ...)
{
	spin_lock(&d->lock);
	if (!fmt)
		return; /* expect: inconsistent-return */
	d->state++;
	spin_unlock(&d->lock);
}

static __printf(2, 3) __cold __maybe_unused void ctx_log_ok(struct dev_ctx *d, const char *fmt, ...)
{
	spin_lock(&d->lock);
	if (fmt)
		d->state++;
	spin_unlock(&d->lock);
}

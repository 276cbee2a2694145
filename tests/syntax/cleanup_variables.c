/* Variables with a cleanup attribute, spelt as each code base spells it: the kernel's
 * `p __free(kfree) = ...` (cleanup.h), LXC's `__do_free char *p`, systemd's
 * `_cleanup_free_ char *p` and `_cleanup_(fclosep) FILE *f`.  Without the pre-pass these
 * declarations do not parse, and the whole function goes unchecked. */

/* Bug: the kernel style; the early return keeps the mutex. */
int dev_rename_bug(struct dev *d, const char *name)
{
	char *copy __free(kfree) = kstrdup(name, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	mutex_lock(&d->lock);
	if (d->busy)
		return -EBUSY; /* expect: inconsistent-return */
	swap(d->name, copy);
	mutex_unlock(&d->lock);
	return 0;
}

/* Correct twin. */
int dev_rename(struct dev *d, const char *name)
{
	char *copy __free(kfree) = kstrdup(name, GFP_KERNEL);
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	mutex_lock(&d->lock);
	if (d->busy)
		ret = -EBUSY;
	else
		swap(d->name, copy);
	mutex_unlock(&d->lock);
	return ret;
}

/* Bug: LXC style. */
int save_config_bug(struct container *c, const char *path)
{
	__do_free char *buf = NULL;
	__do_close int fd = -EBADF;

	pthread_mutex_lock(&c->lock);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1; /* expect: inconsistent-return */
	buf = render(c);
	pthread_mutex_unlock(&c->lock);
	return write_all(fd, buf);
}

/* Correct twin, systemd style. */
int load_config(struct container *c, const char *path)
{
	_cleanup_free_ char *buf = NULL;
	_cleanup_(fclosep) FILE *f = NULL;
	int ret = 0;

	pthread_mutex_lock(&c->lock);
	f = fopen(path, "re");
	if (!f)
		ret = -1;
	else
		buf = read_all(f);
	pthread_mutex_unlock(&c->lock);
	return ret;
}

/* A function whose name starts like one of those macros is still a function. */
static void __do_flush(struct container *c)
{
	pthread_mutex_lock(&c->lock);
}

void flush_bug(struct container *c)
{
	__do_flush(c);
	__do_flush(c); /* expect: double-acquire */
	pthread_mutex_unlock(&c->lock);
}

/* OpenZFS holds carry a tag naming their owner: FTAG is the calling function, a
 * `const void *tag` parameter is whoever called it, and any other tag (the zio, the vdev,
 * the zfsvfs) is an object that keeps the hold past the call, until some other code (often
 * an I/O completion) drops it.  Only holds the function or its caller owns are checked. */
typedef struct zio { struct spa *io_spa; int io_error; } zio_t;
typedef struct zfsvfs { struct objset *z_os; int z_use_hold; int z_unmounted; } zfsvfs_t;

/* Bug: the function's own hold (FTAG) is kept on the error return. */
int config_walk_bug(spa_t *spa, int n)
{
	spa_config_enter(spa, SCL_VDEV, FTAG, RW_READER);
	if (n < 0)
		return (EINVAL); /* expect: inconsistent-return */
	walk_vdevs(spa, n);
	spa_config_exit(spa, SCL_VDEV, FTAG);
	return (0);
}

/* Correct: the I/O holds the config lock from its start to its completion (another
 * pipeline stage drops it), so returning with it held is the design. */
int io_start(zio_t *zio)
{
	spa_t *spa = zio->io_spa;

	if (zio->io_error)
		return (zio->io_error);
	spa_config_enter(spa, SCL_ZIO, zio, RW_READER);
	issue(zio);
	return (0);
}

/* Correct: the completion stage drops what io_start's zio holds. */
void io_assess(zio_t *zio)
{
	if (zio->io_error == 0)
		spa_config_exit(zio->io_spa, SCL_ZIO, zio);
	finish(zio);
}

/* A helper that takes the pool lock for whoever its tag names. */
static void pool_hold(dsl_pool_t *dp, const void *tag)
{
	dsl_pool_config_enter(dp, tag);
}

/* Bug: the caller's own hold through the helper is not dropped on the error path. */
int pool_scan_bug(dsl_pool_t *dp, int n)
{
	pool_hold(dp, FTAG);
	if (n == 0)
		return (ENOENT); /* expect: inconsistent-return */
	scan(dp, n);
	dsl_pool_config_exit(dp, FTAG);
	return (0);
}

/* Correct: the hold taken here belongs to the zfsvfs, which keeps it while it lives. */
int vfs_attach(zfsvfs_t *zfsvfs, dsl_pool_t *dp, int use_hold)
{
	if (use_hold)
		pool_hold(dp, zfsvfs);
	zfsvfs->z_use_hold = use_hold;
	return (0);
}

/* Correct: dropping the zfsvfs's hold, taken elsewhere, when it says it has one. */
void vfs_detach(zfsvfs_t *zfsvfs, dsl_pool_t *dp)
{
	if (zfsvfs->z_use_hold)
		dsl_pool_config_exit(dp, zfsvfs);
	zfsvfs->z_use_hold = 0;
}

/* Bug: the function's own hold is dropped on a path that never took it. */
void pool_peek_bug(dsl_pool_t *dp, int locked)
{
	if (!locked)
		dsl_pool_config_enter(dp, FTAG);
	peek(dp);
	dsl_pool_config_exit(dp, FTAG); /* expect: release-unheld */
}

/* Bug, the same through a tag the caller passes: whoever called it keeps the hold on the
 * error return. */
static int pool_check(dsl_pool_t *dp, const void *tag, int n)
{
	dsl_pool_config_enter(dp, tag);
	if (n < 0)
		return (EINVAL); /* expect: inconsistent-return */
	dsl_pool_config_exit(dp, tag);
	return (0);
}

/* A tag kept in a request: whoever filled it in owns the hold, so the function that
 * drops it for them is checked as if the hold were its own. */
struct send_req { dsl_pool_t *dp; const void *tag; int resume; };

/* Correct: every way out drops the request's hold. */
int send_impl(struct send_req *req)
{
	dsl_pool_t *dp = req->dp;
	const void *tag = req->tag;

	if (req->resume) {
		dsl_pool_config_exit(dp, tag);
		return (EINVAL);
	}
	send_all(dp);
	dsl_pool_config_exit(dp, tag);
	return (0);
}

/* Bug: the early return keeps the request's hold (the drop is on one path only). */
int send_impl_bug(struct send_req *req)
{
	dsl_pool_t *dp = req->dp;
	const void *tag = req->tag;

	if (req->resume)
		return (EINVAL);
	send_all(dp);
	dsl_pool_config_exit(dp, tag); /* expect: release-unheld */
	return (0);
}

/* OpenZFS's teardown helpers take their tag as `const char *`: a tag all the same. */
static inline int fs_enter(zfsvfs_t *zfsvfs, const char *tag)
{
	rrm_enter_read(&zfsvfs->z_teardown_lock, tag);
	if (zfsvfs->z_unmounted) {
		rrm_exit(&zfsvfs->z_teardown_lock, tag);
		return (EIO);
	}
	return (0);
}

/* Bug: the error return after a successful enter keeps the teardown lock. */
int fs_getattr_bug(zfsvfs_t *zfsvfs, int flags)
{
	int error;

	if ((error = fs_enter(zfsvfs, FTAG)) != 0)
		return (error);
	if (flags < 0)
		return (EINVAL); /* expect: inconsistent-return */
	rrm_exit(&zfsvfs->z_teardown_lock, FTAG);
	return (0);
}

/* Correct: the same with the exit on every way out. */
int fs_getattr(zfsvfs_t *zfsvfs, int flags)
{
	int error;

	if ((error = fs_enter(zfsvfs, FTAG)) != 0)
		return (error);
	if (flags < 0)
		error = EINVAL;
	rrm_exit(&zfsvfs->z_teardown_lock, FTAG);
	return (error);
}

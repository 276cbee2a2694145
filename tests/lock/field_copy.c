/* A local copy named like the field it copies (`dp = args->dp`): writing the local does
 * not change which lock `args->dp` names, so a callee that releases the caller's hold
 * through the copy still tells its callers so. */
struct pool { krwlock_t p_lock; int p_busy; };
struct send_args { struct pool *dp; int flags; };

void pool_rele(struct pool *dp)
{
	rw_exit(&dp->p_lock);
}

void pool_hold(struct pool *dp)
{
	rw_enter(&dp->p_lock, RW_READER);
}

struct pool *pool_find(const char *name);
int send_prepare(struct send_args *args);

/* Consumes the caller's pool hold on every path. */
static int send_impl(struct send_args *args)
{
	struct pool *dp = args->dp;
	int err = send_prepare(args);

	if (err != 0) {
		pool_rele(dp);
		return (err);
	}
	dp->p_busy++;
	pool_rele(dp);
	return (0);
}

/* Correct: the hold goes to send_impl, which drops it. */
int send_ok(const char *name)
{
	struct send_args args;

	args.dp = pool_find(name);
	pool_hold(args.dp);
	if (args.dp->p_busy > 8) {
		pool_rele(args.dp);
		return (EBUSY);
	}
	args.flags = 0;
	return (send_impl(&args));
}

/* Bug: drops the hold a second time after send_impl dropped it. */
int send_bug(const char *name)
{
	struct send_args args;
	int err;

	args.dp = pool_find(name);
	pool_hold(args.dp);
	err = send_impl(&args);
	pool_rele(args.dp); /* expect: double-release */
	return (err);
}

/* The same call tested before the work and again after it decides the lock and the
 * unlock: the code relies on its answer staying the same. */

struct ctx {
	pthread_mutex_t cleanup_lock;
	const char *name;
	int n;
};

int is_multiplexed(const char *name);
void dump(struct ctx *c);
int more_work(struct ctx *c);

/* Correct: locked and unlocked under the same question. */
void dump_ok(struct ctx *ctx)
{
	if (is_multiplexed(ctx->name))
		pthread_mutex_lock(&ctx->cleanup_lock);
	dump(ctx);
	ctx->n++;
	if (is_multiplexed(ctx->name))
		pthread_mutex_unlock(&ctx->cleanup_lock);
}

/* Bug: the second test asks the opposite question. */
void dump_bug(struct ctx *ctx)
{
	if (is_multiplexed(ctx->name))
		pthread_mutex_lock(&ctx->cleanup_lock);
	dump(ctx);
	if (!is_multiplexed(ctx->name))
		pthread_mutex_unlock(&ctx->cleanup_lock);
} /* expect: inconsistent-return */

/* Bug: the question is asked of another name the second time. */
void dump_renamed_bug(struct ctx *ctx, const char *other)
{
	const char *name = ctx->name;

	if (is_multiplexed(name))
		pthread_mutex_lock(&ctx->cleanup_lock);
	dump(ctx);
	name = other;
	if (is_multiplexed(name))
		pthread_mutex_unlock(&ctx->cleanup_lock); /* expect: release-unheld */
}

int busy(struct ctx *c);

/* Bug: the question asked again under the lock (the answer may have changed since) sends
 * the path out with the lock held. */
int claim_bug(struct ctx *ctx)
{
	int ret = -EBUSY;

	if (busy(ctx))
		goto out;
	pthread_mutex_lock(&ctx->cleanup_lock);
	if (busy(ctx))
		goto out;
	ctx->n++;
	pthread_mutex_unlock(&ctx->cleanup_lock);
	ret = 0;
out:
	return ret; /* expect: inconsistent-return */
}

struct table {
	pthread_mutex_t locks[16];
	int partitioned;
};

int is_partitioned(struct table *t);

/* Correct: inside a loop, the same question decides the lock and the unlock. */
void sweep_ok(struct table *t, int n)
{
	for (int i = 0; i < n; i++) {
		if (is_partitioned(t))
			pthread_mutex_lock(&t->locks[0]);
		t->partitioned++;
		if (is_partitioned(t))
			pthread_mutex_unlock(&t->locks[0]);
	}
}

/* Bug: inside a loop, the second question is the opposite one. */
void sweep_bug(struct table *t, int n)
{
	for (int i = 0; i < n; i++) {
		if (is_partitioned(t))
			pthread_mutex_lock(&t->locks[0]); /* expect: double-acquire */
		t->partitioned++;
		if (!is_partitioned(t))
			pthread_mutex_unlock(&t->locks[0]); /* expect: release-unheld */ /* expect: double-release */
	}
}

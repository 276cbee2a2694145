/* GNU statement expressions `({ ... })`: the block runs where the expression stands and
 * its last expression is the value.  A lock taken inside one is taken for the caller. */

struct tbl {
	spinlock_t lock;
	struct mutex mutex;
	int count;
	int gen;
};

/* The value is computed under the lock taken in the statement expression; one path
 * returns before the unlock. */
int tbl_snapshot_bug(struct tbl *t)
{
	int n = ({
		spin_lock(&t->lock);
		t->count;
	});

	if (n < 0)
		return n; /* expect: inconsistent-return */
	spin_unlock(&t->lock);
	return n;
}

int tbl_snapshot_ok(struct tbl *t)
{
	int n = ({
		int __v;
		spin_lock(&t->lock);
		__v = t->count;
		spin_unlock(&t->lock);
		__v;
	});

	if (n < 0)
		return n;
	return n + 1;
}

/* A statement expression as an if condition and as a call argument. */
int tbl_bump_bug(struct tbl *t)
{
	if (({ mutex_lock(&t->mutex); t->gen; }) == 0)
		return -EAGAIN; /* expect: inconsistent-return */
	t->gen++;
	mutex_unlock(&t->mutex);
	return 0;
}

int tbl_bump_ok(struct tbl *t)
{
	if (({ mutex_lock(&t->mutex); t->gen; }) == 0) {
		mutex_unlock(&t->mutex);
		return -EAGAIN;
	}
	t->gen++;
	mutex_unlock(&t->mutex);
	return 0;
}

/* Two statement expressions in one call, each taking the same lock. */
void tbl_pair_bug(struct tbl *t)
{
	tbl_store(({ spin_lock(&t->lock); t->count; }),
		  ({ spin_lock(&t->lock); t->gen; })); /* expect: double-acquire */
	spin_unlock(&t->lock);
}

void tbl_pair_ok(struct tbl *t)
{
	tbl_store(({ spin_lock(&t->lock); t->count; }),
		  ({ int g = t->gen; spin_unlock(&t->lock); g; }));
}

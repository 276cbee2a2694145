/* Code bases spell their booleans their own way (`_gf_true`, `B_TRUE`, `TRUE`), usually
 * in a header the file at hand does not show.  A flag set to one of them after the lock is
 * taken decides the unlock at the shared exit. */

typedef int gf_boolean_t;

struct inode {
	pthread_mutex_t lock;
	int size;
};

int fetch_size(struct inode *in);

/* Correct: unlocks at `out` exactly when it took the lock. */
int inode_size_ok(struct inode *in, int *size)
{
	gf_boolean_t locked = _gf_false;
	int ret = -1;

	if (!in)
		goto out;
	pthread_mutex_lock(&in->lock);
	locked = _gf_true;
	ret = fetch_size(in);
	if (ret < 0)
		goto out;
	*size = in->size;
	ret = 0;
out:
	if (locked)
		pthread_mutex_unlock(&in->lock);
	return ret;
}

/* Bug: the flag is set before the lock is taken, so the early exit unlocks a lock it never
 * took. */
int inode_size_bug(struct inode *in, int *size)
{
	gf_boolean_t locked = _gf_true;
	int ret = -1;

	if (!in->size)
		goto out;
	pthread_mutex_lock(&in->lock);
	ret = fetch_size(in);
	if (ret < 0)
		goto out;
	*size = in->size;
	ret = 0;
out:
	if (locked)
		pthread_mutex_unlock(&in->lock); /* expect: release-unheld */
	return ret;
}

/* Correct, with the upper-case spellings. */
int inode_size_upper_ok(struct inode *in)
{
	int locked = FALSE, ret = 0;

	if (in->size > 0) {
		pthread_mutex_lock(&in->lock);
		locked = TRUE;
		ret = fetch_size(in);
	}
	if (locked)
		pthread_mutex_unlock(&in->lock);
	return ret;
}

/* A conditional group whose branch leaves a brace open (`} else {` before #endif): the
 * group is read as the first branch, so the function parses and is analysed. */

/* Bug: the early return in the generic path leaves the lock held. */
int insert_bug(struct table *t, int key)
{
	spin_lock(&t->lock);
#if defined(HAVE_TM)
	if (t->tm) {
		tm_insert(t, key);
	} else {
#endif
		if (t->keys[key])
			return -EEXIST; /* expect: inconsistent-return */
		t->keys[key] = 1;
#if defined(HAVE_TM)
	}
#endif
	spin_unlock(&t->lock);
	return 0;
}

/* Correct twin. */
int insert_ok(struct table *t, int key)
{
	int ret = 0;

	spin_lock(&t->lock);
#if defined(HAVE_TM)
	if (t->tm) {
		tm_insert(t, key);
	} else {
#endif
		if (t->keys[key])
			ret = -EEXIST;
		else
			t->keys[key] = 1;
#if defined(HAVE_TM)
	}
#endif
	spin_unlock(&t->lock);
	return ret;
}

/* An `else` left dangling at the end of a conditional group and continued after it. */
int have_vec(void);

/* Bug: the second unlock releases a lock already released. */
int table_setup_bug(struct table *t)
{
	spin_lock(&t->lock);
	t->ready = 1;
	spin_unlock(&t->lock);
#if defined(ARCH_VEC)
	if (have_vec())
		t->fn = 1;
	else
#endif
		t->fn = 2;
	spin_unlock(&t->lock); /* expect: double-release */
	return 0;
}

/* Correct twin: the function pointer is chosen under the lock. */
int table_setup(struct table *t)
{
	spin_lock(&t->lock);
#if defined(ARCH_VEC)
	if (have_vec())
		t->fn = 1;
	else
#endif
		t->fn = 2;
	spin_unlock(&t->lock);
	return 0;
}

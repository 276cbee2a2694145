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

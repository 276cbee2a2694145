/* A lock taken when a mode field equals one constant; a later test of the same field
 * against another constant is false on those paths (in the style of DPDK's cuckoo hash:
 * ADD_KEY_MULTIWRITER vs ADD_KEY_MULTIWRITER_TM). */

/* Correct: the TM branch returns early, but only on paths that never took the lock. */
int table_add_ok(struct table *h, int key)
{
	if (h->mode == MODE_LOCKED)
		spin_lock(&h->lock);
	if (h->mode == MODE_TM) {
		if (tm_insert(h, key) >= 0)
			return 0;
		return -ENOSPC;
	}
	h->keys[key] = 1;
	if (h->mode == MODE_LOCKED)
		spin_unlock(&h->lock);
	return 0;
}

/* Bug: the duplicate-key return leaves the lock held in the locked mode. */
int table_add_bug(struct table *h, int key)
{
	if (h->mode == MODE_LOCKED)
		spin_lock(&h->lock);
	if (h->keys[key])
		return -EEXIST; /* expect: inconsistent-return */
	if (h->mode == MODE_TM) {
		if (tm_insert(h, key) >= 0)
			return 0;
		return -ENOSPC;
	}
	h->keys[key] = 1;
	if (h->mode == MODE_LOCKED)
		spin_unlock(&h->lock);
	return 0;
}

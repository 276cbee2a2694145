/* The VFS lookup helper that drops the parent's lock (shared or exclusive, by
 * LOOKUP_SHARED) around an allocation and three early returns leave without taking it back;
 * and its fixed twin.  The two tests of the flag are correlated: no mode mix-up is reported. */

struct dentry *lookup_helper_bug(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent)); /* expect-note: released here by 'inode_unlock_shared' */
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name, &wq);
	if (IS_ERR(found)) /* expect-note: taken when 'IS_ERR(found)' is true */
		return found; /* expect: inconsistent-return */
	if (!d_in_lookup(found)) /* expect-note: taken when 'd_in_lookup(found)' is false */
		return found; /* expect-note: returns here without 'd_inode(dentry->d_parent)' */
	res = d_alloc(dentry->d_parent, name);
	if (!res)
		return ERR_PTR(-ENOMEM); /* expect-note: returns here without 'd_inode(dentry->d_parent)' */
	d_lookup_done(found);

	if (flags & LOOKUP_SHARED)
		inode_lock_shared(d_inode(dentry->d_parent));
	else
		inode_lock(d_inode(dentry->d_parent)); /* expect-note: the other paths re-acquire */
	return res;
}

struct dentry *lookup_helper_ok(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name, &wq);
	res = found;
	if (IS_ERR(found))
		goto out;
	if (!d_in_lookup(found))
		goto out;
	res = d_alloc(dentry->d_parent, name);
	if (!res) {
		res = ERR_PTR(-ENOMEM);
		goto out;
	}
	d_lookup_done(found);
out:
	if (flags & LOOKUP_SHARED)
		inode_lock_shared(d_inode(dentry->d_parent));
	else
		inode_lock(d_inode(dentry->d_parent));
	return res;
}

/* The re-lock uses the other mode than the unlock: a real mix-up. */
struct dentry *lookup_mode_bug(struct dentry *dentry, unsigned int flags)
{
	struct dentry *res;

	inode_unlock_shared(d_inode(dentry->d_parent));
	res = d_alloc(dentry->d_parent, NULL);
	inode_lock(d_inode(dentry->d_parent)); /* expect: mode-mismatch */
	return res;
}

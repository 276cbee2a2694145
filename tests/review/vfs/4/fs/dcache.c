/* The lookup helper after the series: it drops the parent's lock (shared or exclusive)
 * around an allocation that may sleep and takes it back, but three early returns leave
 * without taking it back. */
struct dentry *lookup_alloc(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name);
	if (IS_ERR(found))
		return found;
	if (!d_in_lookup(found))
		return found;
	res = d_alloc(dentry->d_parent, name);
	if (!res)
		return ERR_PTR(-ENOMEM);
	d_lookup_done(found);

	if (flags & LOOKUP_SHARED)
		inode_lock_shared(d_inode(dentry->d_parent));
	else
		inode_lock(d_inode(dentry->d_parent));
	return res;
}

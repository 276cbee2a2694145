/* The helper (in the style of a dcache helper): drops the parent directory's lock around
 * an allocation and takes it back, but three early returns leave without it. */
struct dentry *lookup_alloc(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name);
	if (IS_ERR(found))
		return found; /* expect: inconsistent-return */
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

/* Its fixed twin, used by the second file system below. */
struct dentry *lookup_alloc_fixed(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));
	found = d_alloc_parallel(dentry->d_parent, name);
	res = found;
	if (!IS_ERR(found) && d_in_lookup(found))
		res = d_alloc(dentry->d_parent, name);
	if (flags & LOOKUP_SHARED)
		inode_lock_shared(d_inode(dentry->d_parent));
	else
		inode_lock(d_inode(dentry->d_parent));
	return res;
}

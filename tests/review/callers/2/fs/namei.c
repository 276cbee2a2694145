/* The VFS side, after: the directory is locked around ->lookup() and unlocked after. */
static struct dentry *lookup_slow(const struct qstr *name, struct dentry *dir, unsigned int flags)
{
	struct inode *inode = dir->d_inode;
	struct dentry *dentry, *old;

	inode_lock_shared(inode);
	dentry = d_alloc(dir, name);
	old = inode->i_op->lookup(inode, dentry, flags);
	inode_unlock_shared(inode);
	return old;
}

/* The VFS side, before: ->lookup() is called without the directory lock. */
static struct dentry *lookup_slow(const struct qstr *name, struct dentry *dir, unsigned int flags)
{
	struct inode *inode = dir->d_inode;
	struct dentry *dentry;

	dentry = d_alloc(dir, name);
	return inode->i_op->lookup(inode, dentry, flags);
}

/* A file system whose ->lookup goes through the helper. */
static struct dentry *demofs_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	return lookup_alloc(dentry, &dentry->d_name, flags);
}

static const struct inode_operations demofs_dir_inode_operations = {
	.lookup = demofs_lookup,
};

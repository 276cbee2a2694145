/* A file system whose ->lookup goes through the helper: its ops table names it. */
static struct dentry *demofs_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags) /* expect: ops-contract */
{
	return lookup_alloc(dentry, &dentry->d_name, flags);
}

static const struct inode_operations demofs_dir_inode_operations = {
	.lookup = demofs_lookup, /* expect-note: is the ->lookup of 'demofs_dir_inode_operations' */
};

/* Another file system using the fixed helper: nothing to report. */
static struct dentry *okfs_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	return lookup_alloc_fixed(dentry, &dentry->d_name, flags);
}

static const struct inode_operations okfs_dir_inode_operations = {
	.lookup = okfs_lookup,
};

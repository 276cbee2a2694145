/* The lookup helper before the series: it allocates with the parent locked. */
struct dentry *lookup_alloc(struct dentry *dentry, const struct qstr *name, unsigned int flags)
{
	struct dentry *found;

	found = d_alloc_parallel(dentry->d_parent, name);
	if (IS_ERR(found))
		return found;
	if (!d_in_lookup(found))
		return found;
	return d_alloc(dentry->d_parent, name);
}

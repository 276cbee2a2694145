/*
 * A directory lookup helper in the style of the Linux VFS, written for lockaudit's
 * demonstration (it is not kernel code).  The caller holds the parent directory's lock,
 * shared or exclusive as LOOKUP_SHARED says, and unlocks it after ->lookup() returns.
 * The helper drops that lock around an allocation that may sleep and takes it back.
 *
 * lookup_alloc_bug: three early returns leave without taking the lock back.
 * lookup_alloc_fixed: every exit goes through the re-lock.
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>

static struct dentry *lookup_alloc_bug(struct dentry *dentry, const struct qstr *name,
				       unsigned int flags)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name, &wq);
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

static struct dentry *lookup_alloc_fixed(struct dentry *dentry, const struct qstr *name,
					 unsigned int flags)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct dentry *found, *res;

	if (flags & LOOKUP_SHARED)
		inode_unlock_shared(d_inode(dentry->d_parent));
	else
		inode_unlock(d_inode(dentry->d_parent));

	found = d_alloc_parallel(dentry->d_parent, name, &wq);
	res = found;
	if (IS_ERR(found))
		goto relock;
	if (!d_in_lookup(found))
		goto relock;

	res = d_alloc(dentry->d_parent, name);
	if (!res) {
		res = ERR_PTR(-ENOMEM);
		goto relock;
	}
	d_lookup_done(found);
relock:
	if (flags & LOOKUP_SHARED)
		inode_lock_shared(d_inode(dentry->d_parent));
	else
		inode_lock(d_inode(dentry->d_parent));
	return res;
}

static const struct inode_operations demo_dir_inode_operations = {
	.lookup = demo_lookup,
};

/* A lock named through a local that the function only drops: a local cannot be held on
 * entry, so the call that filled it in (outside the analysed code) handed it over locked. */
struct vnode { struct lock v_lock; int v_type; };
int vget_locked(int ino, int flags, struct vnode **vpp);
struct vnode *vlookup(int ino);
void vn_unlock(struct vnode *vp);

/* Correct: vget_locked() returns the vnode locked; it is unlocked and handed on. */
int root_vptocnp(int ino, struct vnode **out)
{
	struct vnode *dvp;
	int error = vget_locked(ino, 1, &dvp);

	if (error != 0)
		return (error);
	VOP_UNLOCK(dvp);
	*out = dvp;
	return (0);
}

/* Bug: the vnode is locked only on one way, and unlocked on both. */
int vnode_touch_bug(int ino, int lock)
{
	struct vnode *vp = vlookup(ino);

	if (lock)
		VOP_LOCK(vp, LK_EXCLUSIVE);
	vp->v_type = 0;
	VOP_UNLOCK(vp); /* expect: release-unheld */
	return (0);
}

/* Calls to functions the run cannot see, paired by name within the file: x_lock/x_unlock,
 * x_enter/x_exit, x_get/x_put (same argument), LOCK_X/UNLOCK_X.  (--no-guess turns it off.) */

int sess_update_bug(struct sess *s, int v)
{
	sess_enter(s->fs, FTAG);
	if (v < 0)
		return EINVAL; /* expect: inconsistent-return */
	s->v = v;
	sess_exit(s->fs, FTAG);
	return 0;
}

int sess_update_ok(struct sess *s, int v)
{
	int err = 0;

	sess_enter(s->fs, FTAG);
	if (v < 0)
		err = EINVAL;
	else
		s->v = v;
	sess_exit(s->fs, FTAG);
	return err;
}

int mbox_send_bug(struct dev *d, struct msg *m)
{
	struct mbox *mb = mbox_get(d->mbox);

	if (!m->len)
		return -EINVAL; /* expect: inconsistent-return */
	send(mb, m);
	mbox_put(d->mbox);
	return 0;
}

/* The two halves on different objects do not pair. */
void two_objects_ok(struct dev *a, struct dev *b)
{
	mbox_get(a->mbox);
	mbox_put(a->mbox);
	mbox_get(b->mbox);
	mbox_put(b->mbox);
}

/* A name with no partner in the file is not a lock. */
int lone_ok(struct dev *d)
{
	if (widget_lock(d))
		return -EBUSY;
	return 0;
}

/* Operations tables: `hw->phy.ops.acquire(hw)` pairs with `hw->phy.ops.release(hw)`, a
 * try that returns 0 when it got the semaphore. */
int phy_write_bug(struct hw *hw, int reg, int v)
{
	int ret = hw->phy.ops.acquire(hw);

	if (ret)
		return ret;
	ret = mdic_write(hw, reg, v);
	if (ret)
		return ret; /* expect: inconsistent-return */
	hw->phy.ops.release(hw);
	return 0;
}

/* Correct twin: the failed write releases too. */
int phy_write(struct hw *hw, int reg, int v)
{
	int ret = hw->phy.ops.acquire(hw);

	if (ret)
		return ret;
	ret = mdic_write(hw, reg, v);
	hw->phy.ops.release(hw);
	return ret;
}

/* Correct: a status compared with a *_SUCCESS constant (zero) decides the release. */
int nvm_read(struct hw *hw, int off, int *data)
{
	int status = HW_SUCCESS;

	if (hw->nvm.ops.acquire(hw) == HW_SUCCESS) {
		status = nvm_eerd(hw, off, data);
		hw->nvm.ops.release(hw);
	} else {
		status = HW_ERR_SYNC;
	}
	return status;
}

/* Correct: an optional operation; without it there is nothing to take. */
int phy_acquire(struct hw *hw)
{
	if (hw->phy.ops.acquire)
		return hw->phy.ops.acquire(hw);
	return HW_SUCCESS;
}

int phy_read(struct hw *hw, int reg, int *v)
{
	int ret;

	if (!hw->phy.ops.acquire)
		return HW_SUCCESS;
	ret = hw->phy.ops.acquire(hw);
	if (ret)
		return ret;
	ret = mdic_read(hw, reg, v);
	hw->phy.ops.release(hw);
	return ret;
}

/* Fields named lock/unlock or get/put are not paired: on DPDK they were as often lookups
 * and callbacks guarded by their own tests. */
void cb_lock_ok(struct vdev *v)
{
	if (v->lock)
		v->lock(v->priv);
	v->count++;
	if (v->unlock)
		v->unlock(v->priv);
}

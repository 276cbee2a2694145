/* Calls to functions the run cannot see, paired by name within the file: x_lock/x_unlock,
 * x_enter/x_exit, x_acquire/x_release, LOCK_X/UNLOCK_X, on the same argument.  Not x_get/x_put:
 * those are reference counts and pools far more often than locks.  (--no-guess turns it off.) */

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
	mbox_acquire(d->mbox);
	if (!m->len)
		return -EINVAL; /* expect: inconsistent-return */
	send(d->mbox, m);
	mbox_release(d->mbox);
	return 0;
}

/* The two halves on different objects do not pair. */
void two_objects_ok(struct dev *a, struct dev *b)
{
	mbox_acquire(a->mbox);
	mbox_release(a->mbox);
	mbox_acquire(b->mbox);
	mbox_release(b->mbox);
}

/* Correct: a reference handed out with the object (json-c's json_object_get/put). */
struct json_object *reply_get(struct json_object *req)
{
	struct json_object *reply = json_object_get(req);

	if (!reply)
		return NULL;
	json_object_put(req);
	return reply;
}

/* Correct: an object from a pool goes to the I/O path; a failed submit gives it back. */
int req_submit(struct pool *mp, struct queue *q)
{
	struct req *r;

	if (pool_get(mp, (void **)&r) != 0)
		return -ENOMEM;
	if (queue_push(q, r) != 0) {
		pool_put(mp, r);
		return -EAGAIN;
	}
	return 0;
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

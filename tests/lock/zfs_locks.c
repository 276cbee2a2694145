/* OpenZFS lock rows: spa_vdev_state_enter/exit (one lock per spa: the mask it takes is
 * computed and saved in a field), FreeBSD sx locks, and a teardown-lock helper reached
 * through a locally cached zfsvfs. */

/* Correct: every path leaves the vdev state lock as it found it. */
int vdev_online(spa_t *spa, uint64_t guid)
{
	vdev_t *vd;

	spa_vdev_state_enter(spa, SCL_NONE);
	if ((vd = spa_lookup_by_guid(spa, guid, B_TRUE)) == NULL)
		return (spa_vdev_state_exit(spa, NULL, SET_ERROR(ENODEV)));
	vd->vdev_offline = B_FALSE;
	return (spa_vdev_state_exit(spa, vd, 0));
}

/* Bug: the leaf check returns without the exit. */
int vdev_offline_bug(spa_t *spa, uint64_t guid)
{
	vdev_t *vd;

	spa_vdev_state_enter(spa, SCL_NONE);
	if ((vd = spa_lookup_by_guid(spa, guid, B_TRUE)) == NULL)
		return (spa_vdev_state_exit(spa, NULL, SET_ERROR(ENODEV)));
	if (!vd->vdev_ops->vdev_op_leaf)
		return (SET_ERROR(ENOTSUP)); /* expect: inconsistent-return */
	vd->vdev_offline = B_TRUE;
	return (spa_vdev_state_exit(spa, vd, 0));
}

/* FreeBSD sx: correct, then a missing unlock. */
int jail_attach(struct zone *z, int id)
{
	sx_xlock(&z->z_sx);
	if (z->z_id == id) {
		sx_xunlock(&z->z_sx);
		return (EEXIST);
	}
	z->z_id = id;
	sx_xunlock(&z->z_sx);
	return (0);
}

int jail_detach_bug(struct zone *z, int id)
{
	sx_slock(&z->z_sx);
	if (z->z_id != id)
		return (ENOENT); /* expect: inconsistent-return */
	sx_sunlock(&z->z_sx);
	return (0);
}

/* The teardown lock, taken by a helper through a zfsvfs cached from the inode: the
 * helper's "0 with $0->z_teardown_lock held" binds to ITOZSB(ip)->z_teardown_lock, the
 * same lock the direct exit names. */
static inline int zpl_enter(zfsvfs_t *zfsvfs)
{
	rrm_enter_read(&zfsvfs->z_teardown_lock, FTAG);
	if (zfsvfs->z_unmounted) {
		rrm_exit(&zfsvfs->z_teardown_lock, FTAG);
		return (-EIO);
	}
	return (0);
}

int zpl_fsync(struct inode *ip)
{
	zfsvfs_t *zfsvfs = ITOZSB(ip);
	int error;

	if ((error = zpl_enter(zfsvfs)) != 0)
		return (error);
	error = zil_commit(zfsvfs->z_log);
	rrm_exit(&zfsvfs->z_teardown_lock, FTAG);
	return (error);
}

int zpl_fsync_bug(struct inode *ip)
{
	zfsvfs_t *zfsvfs = ITOZSB(ip);
	int error;

	if ((error = zpl_enter(zfsvfs)) != 0)
		return (error);
	if ((error = zil_commit(zfsvfs->z_log)) != 0)
		return (error); /* expect: inconsistent-return */
	rrm_exit(&zfsvfs->z_teardown_lock, FTAG);
	return (0);
}

/* The pool config lock taken only when this thread does not hold it yet, and released
 * under the flag that recorded it. */
void errorscrub_sync(dsl_pool_t *dp, int n)
{
	boolean_t config_held = B_FALSE;

	for (int i = 0; i < n; i++) {
		if (!dsl_pool_config_held(dp)) {
			dsl_pool_config_enter(dp, FTAG);
			config_held = B_TRUE;
		}
		scrub_one(dp, i);
	}
	if (config_held)
		dsl_pool_config_exit(dp, FTAG);
}

/* Bug: released whether or not this function took it, so a caller's hold is dropped. */
void errorscrub_sync_bug(dsl_pool_t *dp, int n)
{
	if (!dsl_pool_config_held(dp))
		dsl_pool_config_enter(dp, FTAG);
	for (int i = 0; i < n; i++)
		scrub_one(dp, i);
	dsl_pool_config_exit(dp, FTAG); /* expect: release-unheld */
}

/* FreeBSD jails: prison_free_locked(pr) drops a reference and the prison's mutex, which
 * the caller holds.  A field lock of the argument, as the profile row says. */
struct zone_data { int zd_count; };

/* Correct: the new-head way ends in prison_free_locked, the other in mtx_unlock. */
int zone_attach(struct prison *pr, struct zone_data *zd)
{
	struct zone_data *head;
	int dofree, error = 0;

	mtx_lock(&pr->pr_mtx);
	head = zone_lookup(pr);
	if (head != NULL) {
		dofree = 0;
		if (head->zd_count != 0) {
			error = EEXIST;
			goto end;
		}
	} else {
		dofree = 1;
		prison_hold_locked(pr);
		mtx_unlock(&pr->pr_mtx);
		head = zone_new();
		mtx_lock(&pr->pr_mtx);
		zone_set(pr, head);
	}
	head->zd_count = zd->zd_count;
end:
	if (dofree)
		prison_free_locked(pr);
	else
		mtx_unlock(&pr->pr_mtx);
	return (error);
}

/* Bug: the reference is dropped with the mutex, then the mutex again. */
void zone_detach_bug(struct prison *pr)
{
	mtx_lock(&pr->pr_mtx);
	prison_free_locked(pr);
	mtx_unlock(&pr->pr_mtx); /* expect: double-release */
}

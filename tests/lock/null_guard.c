/* A lock that hangs from a pointer is taken only on some paths, and the release is
 * guarded by the pointer being set: holding the lock says the pointer is not NULL. */
struct pool { rwlock_t dp_lock; };
int pool_hold(const char *name, struct pool **dpp);	/* 0: *dpp held */
void pool_rele(struct pool *dp);

/* Correct: dp is set only by a successful hold, and released only when set. */
int check_name(const char *name, int flags)
{
	struct pool *dp = NULL;
	int err;

	err = pool_hold(name, &dp);
	if (err != 0)
		goto out;
	read_lock(&dp->dp_lock);
	if (flags & 1) {
		err = -EINVAL;
		goto out;
	}
	read_unlock(&dp->dp_lock);
	return 0;
out:
	if (dp != NULL)
		read_unlock(&dp->dp_lock);
	return err;
}

/* Correct: the buffer is fetched and locked only when asked for. */
void update_ids(struct node *dn, int spill)
{
	struct buf *db = NULL;

	if (spill) {
		db = get_buf(dn);
		mutex_lock(&db->db_mtx);
	}
	use_ids(dn, db);
	if (db)
		mutex_unlock(&db->db_mtx);
}

/* Bug: the guard tests another pointer, so the lock stays held when other is NULL. */
void update_ids_bug(struct node *dn, struct buf *other, int spill)
{
	struct buf *db = NULL;

	if (spill) {
		db = get_buf(dn);
		mutex_lock(&db->db_mtx);
	}
	use_ids(dn, db);
	if (other)
		mutex_unlock(&db->db_mtx);
} /* expect: inconsistent-return */

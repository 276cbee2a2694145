/* A function that returns which lock it took (`DLT_PARENT`, `DLT_OBJSET`, or `DLT_NONE`),
 * and an unlock function that takes that value back. */
typedef enum db_lock_type { DLT_NONE, DLT_PARENT, DLT_OBJSET } db_lock_type_t;
struct ds { krwlock_t ds_bp_rwlock; };
struct dbuf { struct dbuf *db_parent; krwlock_t db_rwlock; struct ds *db_ds; };

/* Correct: the value returned names the lock held. */
db_lock_type_t dbuf_lock_parent(struct dbuf *db, krw_t rw)
{
	enum db_lock_type ret = DLT_NONE;

	if (db->db_parent != NULL) {
		rw_enter(&db->db_parent->db_rwlock, rw);
		ret = DLT_PARENT;
	} else if (db->db_ds != NULL) {
		rw_enter(&db->db_ds->ds_bp_rwlock, rw);
		ret = DLT_OBJSET;
	}
	return (ret);
}

void dbuf_unlock_parent(struct dbuf *db, db_lock_type_t type)
{
	if (type == DLT_PARENT)
		rw_exit(&db->db_parent->db_rwlock);
	else if (type == DLT_OBJSET)
		rw_exit(&db->db_ds->ds_bp_rwlock);
}

/* Bug: the objset branch forgets to say it took the objset's lock. */
db_lock_type_t dbuf_lock_parent_bug(struct dbuf *db, krw_t rw)
{
	enum db_lock_type ret = DLT_NONE;

	if (db->db_parent != NULL) {
		rw_enter(&db->db_parent->db_rwlock, rw);
		ret = DLT_PARENT;
	} else if (db->db_ds != NULL) {
		rw_enter(&db->db_ds->ds_bp_rwlock, rw);
	}
	return (ret); /* expect: inconsistent-return */
}

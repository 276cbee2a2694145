boolean_t undirty(dbuf_t *db)	/* B_TRUE: db_mtx was dropped */
{
	dr_t *dr = find_dirty(db);
	if (dr == NULL)
		return (B_FALSE);
	if (dr->last) {
		mutex_exit(&db->db_mtx);
		return (B_TRUE);
	}
	return (B_FALSE);
}
void direct_done(dbuf_t *db)
{
	mutex_enter(&db->db_mtx);
	VERIFY3B(undirty(db), ==, B_FALSE);
	mutex_exit(&db->db_mtx);
}

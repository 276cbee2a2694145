int get_buf(void *tag, buf_t **bp);
void use(buf_t *);
void get_ids(dn_t *dn, int spill)
{
	buf_t *db = NULL;
	if (spill) {
		VERIFY0(get_buf(dn, &db));
		mutex_enter(&db->db_mtx);
	}
	use(db);
	if (db)
		mutex_exit(&db->db_mtx);
}

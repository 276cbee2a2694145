int dirent_lock(dirlock_t **dlp, znode_t *dzp)
{
	rw_enter(&dzp->z_name_lock, RW_READER);
	*dlp = dl_alloc(dzp);		/* records dzp in (*dlp)->dl_dzp */
	return (0);
}
void dirent_unlock(dirlock_t *dl)
{
	rw_exit(&dl->dl_dzp->z_name_lock);
}
void touch_all(znode_t *dzp, int n)
{
	dirlock_t *dl;
	for (int i = 0; i < n; i++) {
		dirent_lock(&dl, dzp);
		dirent_unlock(dl);
	}
}

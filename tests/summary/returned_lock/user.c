int zv_set_ro_ok(struct zv *head, const char *name)
{
	struct zv *zv = zv_find_locked(head, name);

	if (zv == NULL)
		return (ENOENT);
	zv->ro = 1;
	mutex_exit(&zv->zv_lock);
	return (0);
}

int zv_set_ro_bug(struct zv *head, const char *name, int ro)
{
	struct zv *zv = zv_find_locked(head, name);

	if (zv == NULL)
		return (ENOENT);
	if (zv->ro == ro)
		return (EALREADY); /* expect: inconsistent-return */
	zv->ro = ro;
	mutex_exit(&zv->zv_lock);
	return (0);
}

zv_t *find_locked(const char *name)	/* found: returned with zv_lock held */
{
	for (zv_t *zv = head; zv != NULL; zv = zv->next) {
		mutex_enter(&zv->zv_lock);
		if (strcmp(zv->name, name) == 0)
			return (zv);
		mutex_exit(&zv->zv_lock);
	}
	return (NULL);
}
int set_ro(const char *name)
{
	zv_t *zv = find_locked(name);
	if (zv == NULL)
		return (-1);
	mutex_exit(&zv->zv_lock);
	return (0);
}

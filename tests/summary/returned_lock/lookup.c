/* A lookup that hands back the object it found with the object's lock held (NULL, and no
 * lock, when nothing matches): the lock goes to the caller through the return value. */
struct zv *zv_find_locked(struct zv *head, const char *name)
{
	struct zv *zv;

	for (zv = head; zv != NULL; zv = zv->next) {
		mutex_enter(&zv->zv_lock);
		if (strcmp(zv->name, name) == 0)
			return (zv);
		mutex_exit(&zv->zv_lock);
	}
	return (NULL);
}

/* A name lock recorded in a handle: the handle keeps a pointer back to its directory
 * (`dl->dl_dir = dir`, and every handle on the directory's list has it), and the unlock
 * helper drops the lock through that pointer.  Whether the function takes the lock at
 * all is a bit of the caller's flags word (DL_HAVELOCK: the caller holds it already). */
struct dir { krwlock_t d_name_lock; struct dirlock *d_locks; };
struct dirlock { struct dir *dl_dir; struct dirlock *dl_next; int dl_namelock; };

int dl_match(struct dirlock *dl, const char *name);
int dir_lookup(struct dir *dir, const char *name);

void dirlock_unlock(struct dirlock *dl)
{
	struct dir *d = dl->dl_dir;

	if (!dl->dl_namelock)
		rw_exit(&d->d_name_lock);
	kmem_free(dl, sizeof (*dl));
}

/* Correct: the failures drop the name lock through the handle; 0 hands the handle out
 * with the lock, unless the caller held it already. */
int dirlock_lock(struct dirlock **dlpp, struct dir *dir, const char *name, int flag)
{
	struct dirlock *dl;
	int error;

	if (!(flag & DL_HAVELOCK))
		rw_enter(&dir->d_name_lock, RW_READER);
	for (dl = dir->d_locks; dl != NULL; dl = dl->dl_next)
		if (dl_match(dl, name))
			break;
	if (dl == NULL) {
		dl = kmem_alloc(sizeof (*dl), KM_SLEEP);
		dl->dl_dir = dir;
		dl->dl_namelock = 0;
		dl->dl_next = dir->d_locks;
		dir->d_locks = dl;
	}
	if (flag & DL_HAVELOCK)
		dl->dl_namelock = 1;
	error = dir_lookup(dir, name);
	if (error) {
		dirlock_unlock(dl);
		return (error);
	}
	*dlpp = dl;
	return (0);
}

/* Bug: a failure forgets the handle, and the lock with it. */
int dirlock_lock_bug(struct dirlock **dlpp, struct dir *dir, const char *name, int flag)
{
	struct dirlock *dl;

	if (!(flag & DL_HAVELOCK))
		rw_enter(&dir->d_name_lock, RW_READER);
	dl = kmem_alloc(sizeof (*dl), KM_SLEEP);
	dl->dl_dir = dir;
	dl->dl_namelock = 0;
	if (flag & DL_HAVELOCK)
		dl->dl_namelock = 1;
	if (dir_lookup(dir, name) != 0)
		return (ENOENT); /* expect: inconsistent-return */
	*dlpp = dl;
	return (0);
}

/* Bug: the handle's unlock dropped the name lock already. */
void dirlock_drop_bug(struct dir *dir)
{
	struct dirlock *dl;

	rw_enter(&dir->d_name_lock, RW_READER);
	dl = kmem_alloc(sizeof (*dl), KM_SLEEP);
	dl->dl_dir = dir;
	dl->dl_namelock = 0;
	dirlock_unlock(dl);
	rw_exit(&dir->d_name_lock); /* expect: double-release */
}

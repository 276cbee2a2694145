/* Shared/exclusive mismatch. */

void rwsem_mode_bug(struct dev *d)
{
	down_read(&d->sem); /* expect-note: acquired shared here */
	d->n++;
	up_write(&d->sem); /* expect: mode-mismatch */
}

void rwsem_mode_ok(struct dev *d)
{
	down_read(&d->sem);
	d->n++;
	up_read(&d->sem);
}

void rwlock_mode_bug(struct dev *d)
{
	write_lock(&d->rw);
	d->n++;
	read_unlock(&d->rw); /* expect: mode-mismatch */
}

/* downgrade_write turns the hold into a read hold. */
void downgrade_ok(struct dev *d)
{
	down_write(&d->sem);
	d->n++;
	downgrade_write(&d->sem);
	d->m = d->n;
	up_read(&d->sem);
}

void downgrade_bug(struct dev *d)
{
	down_write(&d->sem);
	downgrade_write(&d->sem);
	up_write(&d->sem); /* expect: mode-mismatch */
}

/* pthread_rwlock_unlock releases either mode. */
void pthread_rw_ok(struct tab *t)
{
	pthread_rwlock_rdlock(&t->rw);
	t->hits++;
	pthread_rwlock_unlock(&t->rw);
}

/* The unlock and relock test the same flag: correlated, so no mix-up. */
void flag_mode_ok(struct inode *dir, int shared)
{
	if (shared)
		inode_unlock_shared(dir);
	else
		inode_unlock(dir);
	do_sleep();
	if (shared)
		inode_lock_shared(dir);
	else
		inode_lock(dir);
}

/* ... unless the variable changes in between: then either mode may come back. */
void flag_mode_bug(struct inode *dir, int shared)
{
	if (shared)
		inode_unlock_shared(dir);
	else
		inode_unlock(dir);
	shared = recompute();
	if (shared)
		inode_lock_shared(dir); /* expect: mode-mismatch */
	else
		inode_lock(dir);
}

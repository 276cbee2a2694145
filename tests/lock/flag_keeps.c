/* Teardown that keeps the filesystem's locks for its caller when asked (an online receive
 * suspends the filesystem and resumes it later), and drops them when unmounting.  It
 * returns 0 exactly when it keeps them; an error return drops them first. */
struct fsys { krwlock_t f_teardown; int f_unmounted; int f_busy; };
void fsys_flush(struct fsys *fs);

int fsys_teardown(struct fsys *fs, int unmounting)
{
	rw_enter(&fs->f_teardown, RW_WRITER);
	if (!unmounting && fs->f_unmounted) {
		rw_exit(&fs->f_teardown);
		return (SET_ERROR(EIO));
	}
	fsys_flush(fs);
	if (unmounting) {
		fs->f_unmounted = 1;
		rw_exit(&fs->f_teardown);
	}
	return (0);
}

/* Bug: the busy check returns an error with the lock kept when not unmounting. */
int fsys_teardown_bug(struct fsys *fs, int unmounting)
{
	rw_enter(&fs->f_teardown, RW_WRITER);
	if (!unmounting && fs->f_unmounted) {
		rw_exit(&fs->f_teardown);
		return (SET_ERROR(EIO));
	}
	if (fs->f_busy)
		return (SET_ERROR(EBUSY)); /* expect: inconsistent-return */
	fsys_flush(fs);
	if (unmounting) {
		fs->f_unmounted = 1;
		rw_exit(&fs->f_teardown);
	}
	return (0);
}

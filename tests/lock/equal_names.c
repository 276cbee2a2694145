/* Two names of one lock: a lookup hands back the nearest ancestor that has the record,
 * locked, through *pp; when that is the object itself (`pp == p`), its lock is the
 * object's own.  And a lock kept exactly when the caller passes a place for the result:
 * asking for the record is asking for it locked. */
struct info { int refs; };
struct prison { struct mtx pr_mtx; struct prison *pr_parent; struct info *pr_info; };

struct info *info_new(void);

/* The nearest prison from pr up that has a record (the root always has one), locked. */
static struct info *info_find(struct prison *pr, struct prison **pp)
{
	struct prison *p;
	struct info *info;

	for (p = pr; ; p = p->pr_parent) {
		mtx_lock(&p->pr_mtx);
		if (p->pr_parent == NULL) {
			info = &root_info;
			break;
		}
		info = p->pr_info;
		if (info != NULL)
			break;
		mtx_unlock(&p->pr_mtx);
	}
	*pp = p;
	return (info);
}

/* Correct: every way to done holds pr's lock (pp == pr says the found one is pr). */
void info_alloc(struct prison *pr, struct info **infop)
{
	struct prison *pp;
	struct info *info, *fresh;

	info = info_find(pr, &pp);
	if (pp == pr)
		goto done;
	mtx_unlock(&pp->pr_mtx);
	fresh = info_new();
	info = info_find(pr, &pp);
	if (pp == pr)
		goto done;
	mtx_lock(&pr->pr_mtx);
	pr->pr_info = fresh;
	info = fresh;
	mtx_unlock(&pp->pr_mtx);
done:
	if (infop != NULL)
		*infop = info;
	else
		mtx_unlock(&pr->pr_mtx);
}

/* Bug: when the record is pr's own, its lock is dropped at once, then again at done. */
void info_alloc_bug(struct prison *pr, struct info **infop)
{
	struct prison *pp;
	struct info *info;

	info = info_find(pr, &pp);
	if (pp == pr) {
		mtx_unlock(&pr->pr_mtx);
		goto done;
	}
	mtx_lock(&pr->pr_mtx);
	pr->pr_info = info_new();
	info = pr->pr_info;
	mtx_unlock(&pp->pr_mtx);
done:
	if (infop != NULL)
		*infop = info;
	else
		mtx_unlock(&pr->pr_mtx); /* expect: double-release */
}

/* Correct: pp is pr on the first way, so either name drops the one lock. */
int info_peek(struct prison *pr)
{
	struct prison *pp;
	struct info *info = info_find(pr, &pp);
	int refs = info->refs;

	if (pp == pr) {
		mtx_unlock(&pr->pr_mtx);
		return (refs);
	}
	mtx_unlock(&pp->pr_mtx);
	return (refs);
}

/* Bug: pp is pr there, so the second unlock drops it twice. */
int info_peek_bug(struct prison *pr)
{
	struct prison *pp;
	struct info *info = info_find(pr, &pp);
	int refs = info->refs;

	if (pp == pr) {
		mtx_unlock(&pp->pr_mtx);
		mtx_unlock(&pr->pr_mtx); /* expect: double-release */
		return (refs);
	}
	mtx_unlock(&pp->pr_mtx);
	return (refs);
}

/* Correct: the caller asks for the record and drops the lock it comes with. */
int info_refs(struct prison *pr)
{
	struct info *info;
	int refs;

	info_alloc(pr, &info);
	refs = info->refs;
	mtx_unlock(&pr->pr_mtx);
	return (refs);
}

/* Bug: an early return keeps the lock whether or not the caller asked for the record. */
void info_get_bug(struct prison *pr, struct info **infop, int fast)
{
	mtx_lock(&pr->pr_mtx);
	if (fast)
		return; /* expect: inconsistent-return */
	if (infop != NULL)
		*infop = pr->pr_info;
	else
		mtx_unlock(&pr->pr_mtx);
}

/* Two objects taken in address order, once when both names are one object.  Past
 * `a != b` taken false the two names are one lock: b's is held as a's. */
struct fs { krwlock_t fs_teardown; int fs_unmounted; };

/* 0 with the teardown lock held for reading, EIO once the file system is gone. */
static int fs_enter(struct fs *fs)
{
	rw_enter(&fs->fs_teardown, RW_READER);
	if (fs->fs_unmounted) {
		rw_exit(&fs->fs_teardown);
		return (EIO);
	}
	return (0);
}

/* Correct: 0 holds both locks, which may be one. */
int fs_enter_two(struct fs *a, struct fs *b)
{
	int error;

	if (a > b) {
		struct fs *t = b;
		b = a;
		a = t;
	}
	error = fs_enter(a);
	if (error != 0)
		return (error);
	if (a != b) {
		error = fs_enter(b);
		if (error != 0) {
			rw_exit(&a->fs_teardown);
			return (error);
		}
	}
	return (0);
}

/* Bug: the second failure keeps the first lock. */
int fs_enter_two_bug(struct fs *a, struct fs *b)
{
	int error;

	error = fs_enter(a);
	if (error != 0)
		return (error);
	if (a != b) {
		error = fs_enter(b);
		if (error != 0)
			return (error); /* expect: inconsistent-return */
	}
	return (0);
}

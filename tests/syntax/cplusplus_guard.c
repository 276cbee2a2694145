/* A header's C++ guards: `extern "C" {` and its `}` sit in `#ifdef __cplusplus` groups that
 * a C compiler never reads.  The macros between them are lock wrappers all the same. */
#ifdef __cplusplus
extern "C" {
#endif

#define tbl_lock(t)	spin_lock(&(t)->lock)
#define tbl_unlock(t)	spin_unlock(&(t)->lock)

/* 0 with the table locked, EIO without it once the table is dead. */
static inline int tbl_enter(struct tbl *t)
{
	tbl_lock(t);
	if (t->dead) {
		tbl_unlock(t);
		return (EIO);
	}
	return (0);
}

/* The same with a negative errno: the callee's ways with the sign turned. */
static inline int tbl_enter_neg(struct tbl *t)
{
	return (-tbl_enter(t));
}

#define tbl_enter_checked(t)	(-tbl_enter(t))

#ifdef __cplusplus
}
#endif

/* Correct: unlocks on every path that entered. */
int tbl_count(struct tbl *t)
{
	int err, n;

	if ((err = tbl_enter_neg(t)) != 0)
		return err;
	n = t->n;
	tbl_unlock(t);
	return n;
}

/* Bug: the empty table returns still locked. */
int tbl_first(struct tbl *t)
{
	int err, v;

	if ((err = tbl_enter_checked(t)) != 0)
		return err;
	if (t->n == 0)
		return -ENOENT; /* expect: inconsistent-return */
	v = t->v[0];
	tbl_unlock(t);
	return v;
}

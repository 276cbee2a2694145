/* A hold that goes out with a result: objset_hold() keeps the pool held while the objset
 * it hands back through *osp is held, and objset_rele() drops both.  The pool is a local
 * of objset_hold, so no caller can name it; callers pair the two calls through the
 * variable they passed. */
struct pool { krwlock_t p_config; };
struct dataset { struct pool *ds_pool; };
struct objset { struct dataset *os_ds; int os_type; };

int pool_lookup(const char *name, struct pool **dpp);
int dataset_find(struct pool *dp, const char *name, struct dataset **dsp);
int objset_from_ds(struct dataset *ds, struct objset **osp);
#define objset_pool(os) ((os)->os_ds->ds_pool)

static int pool_hold(const char *name, struct pool **dpp)
{
	int err = pool_lookup(name, dpp);

	if (err != 0)
		return (err);
	rw_enter(&(*dpp)->p_config, RW_READER);
	return (0);
}

static void pool_rele(struct pool *dp)
{
	rw_exit(&dp->p_config);
}

/* Correct: 0 with the pool held (for the objset in *osp), an error with nothing held. */
int objset_hold(const char *name, struct objset **osp)
{
	struct pool *dp;
	struct dataset *ds;
	int err = pool_hold(name, &dp);

	if (err != 0)
		return (err);
	err = dataset_find(dp, name, &ds);
	if (err != 0) {
		pool_rele(dp);
		return (err);
	}
	err = objset_from_ds(ds, osp);
	if (err != 0)
		pool_rele(dp);
	return (err);
}

/* Bug: the pool stays held when the dataset is missing. */
int objset_hold_bug(const char *name, struct objset **osp)
{
	struct pool *dp;
	struct dataset *ds;
	int err = pool_hold(name, &dp);

	if (err != 0)
		return (err);
	err = dataset_find(dp, name, &ds);
	if (err != 0)
		return (err); /* expect: inconsistent-return */
	err = objset_from_ds(ds, osp);
	if (err != 0)
		pool_rele(dp);
	return (err);
}

void objset_rele(struct objset *os)
{
	pool_rele(objset_pool(os));
}

/* Correct: the objset (and with it the pool) is released once. */
int objset_type_ok(const char *name)
{
	struct objset *os;
	int type;

	if (objset_hold(name, &os) != 0)
		return (-1);
	type = os->os_type;
	objset_rele(os);
	return (type);
}

/* Correct: a hold that must fail (the name was just destroyed). */
void objset_gone_ok(const char *name)
{
	struct objset *os;

	VERIFY3U(objset_hold(name, &os), ==, ENOENT);
}

/* Bug: released a second time. */
int objset_type_bug(const char *name)
{
	struct objset *os;
	int type;

	if (objset_hold(name, &os) != 0)
		return (-1);
	type = os->os_type;
	objset_rele(os);
	objset_rele(os); /* expect: double-release */
	return (type);
}

/* Bug: the result decides whether the pool is held, and nobody looks at it. */
void objset_gone_bug(const char *name)
{
	struct objset *os;

	objset_hold(name, &os); /* expect: unchecked-lock-result */
}

/* Checks that end the path when they fail: assert(), BUG_ON(), and their kin. */

static void install_ok(struct proc *p, struct irq *irq)
{
	int ret;

	ret = pthread_mutex_lock(&p->lock);
	assert(!ret);
	list_add_tail(&irq->node, &p->irqs);
	ret = pthread_mutex_unlock(&p->lock);
	assert(!ret);
}

/* A lock that fails only on misuse (a default mutex), its failure logged and not acted
 * on: the code does not mean to take that way, and nothing is reported for it. */
static void install_logged_ok(struct proc *p, struct irq *irq)
{
	int ret;

	ret = pthread_mutex_lock(&p->lock);
	if (ret)
		printf("lock failed: %d\n", ret);
	list_add_tail(&irq->node, &p->irqs);
	pthread_mutex_unlock(&p->lock);
}

/* Bug: a try that fails in normal use, logged and not acted on, leaves the unlock
 * dropping what was never taken. */
static void install_bug(struct proc *p, struct irq *irq)
{
	int ret;

	ret = pthread_mutex_trylock(&p->lock);
	if (ret)
		printf("lock busy: %d\n", ret);
	list_add_tail(&irq->node, &p->irqs);
	pthread_mutex_unlock(&p->lock); /* expect: release-unheld */
}

void bug_on_ok(struct dev *d)
{
	spin_lock(&d->lock);
	BUG_ON(d->refs < 0);
	d->refs++;
	spin_unlock(&d->lock);
}

/* BUG_ON's argument is evaluated: the trylock inside it decides the path. */
void bug_on_try_ok(struct dev *d)
{
	BUG_ON(!spin_trylock(&d->lock));
	d->refs++;
	spin_unlock(&d->lock);
}

void bug_on_bug(struct dev *d)
{
	spin_lock(&d->lock);
	BUG_ON(d->refs < 0);
	if (d->dead)
		return; /* expect: inconsistent-return */
	spin_unlock(&d->lock);
}

/* Locks named through a variable that changes (an index, a cursor) are other locks each
 * time: locking all, then unlocking all, is not a double acquire. */
void lock_all_ok(struct table *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		spin_lock(&t->slot[i].lock);
	t->gen++;
	for (i = 0; i < n; i++)
		spin_unlock(&t->slot[i].lock);
}

/* Ownership tests (OpenZFS mutex_owned): the path's own state answers them. */
void owned_ok(struct zv *zv, int wait)
{
	mutex_enter(&zv->state_lock);
	if (wait && !mutex_owned(&zv->state_lock))
		mutex_enter(&zv->state_lock);
	zv->opens++;
	mutex_exit(&zv->state_lock);
}

void owned_bug(struct zv *zv)
{
	mutex_enter(&zv->state_lock);
	if (mutex_owned(&zv->state_lock))
		mutex_exit(&zv->state_lock);
	zv->opens++;
	mutex_exit(&zv->state_lock); /* expect: double-release */
}

/* OpenZFS's three-argument checks: VERIFY3B(f(x), ==, B_FALSE) says f returned 0. */
static boolean_t buf_undirty(struct buf *db)	/* B_TRUE: db_mtx was dropped */
{
	if (db->dr == NULL)
		return (B_FALSE);
	if (db->dr->last) {
		mutex_exit(&db->db_mtx);
		return (B_TRUE);
	}
	return (B_FALSE);
}

/* Correct: the check rules out the way that dropped the lock. */
void buf_done(struct buf *db)
{
	mutex_enter(&db->db_mtx);
	VERIFY3B(buf_undirty(db), ==, B_FALSE);
	mutex_exit(&db->db_mtx);
}

/* Bug: the check is the other way round, so the lock was dropped already. */
void buf_done_bug(struct buf *db)
{
	mutex_enter(&db->db_mtx);
	VERIFY3B(buf_undirty(db), !=, B_FALSE);
	mutex_exit(&db->db_mtx); /* expect: double-release */
}

/* The same with the constant first: ASSERT3P(NULL, ==, f(x)) says f returned NULL. */
static struct buf *buf_find(struct tbl *t, int id)	/* found: returned with db_mtx held */
{
	struct buf *db = tbl_lookup(t, id);

	if (db == NULL)
		return (NULL);
	mutex_enter(&db->db_mtx);
	return (db);
}

/* Correct: the check says nothing was found, so nothing is held. */
void buf_insert(struct tbl *t, struct buf *db)
{
	ASSERT3P(NULL, ==, buf_find(t, db->id));
	tbl_add(t, db);
}

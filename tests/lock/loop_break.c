/* A lock taken in a loop body that releases it each iteration, but a break leaves with it. */

int find_bug(struct list *l, int key)
{
	struct node *n;
	int found = 0;

	for (n = l->head; n; n = n->next) {
		spin_lock(&n->lock);
		if (n->key == key) {
			found = 1;
			break; /* expect: held-at-break */
		}
		spin_unlock(&n->lock);
	}
	return found;
}

int find_ok(struct list *l, int key)
{
	struct node *n;
	int found = 0;

	for (n = l->head; n; n = n->next) {
		spin_lock(&n->lock);
		if (n->key == key) {
			found = 1;
			spin_unlock(&n->lock);
			break;
		}
		spin_unlock(&n->lock);
	}
	return found;
}

void drain_bug(struct q *q)
{
	while (q->n > 0) {
		mutex_lock(&q->m);
		if (q->empty)
			break; /* expect: held-at-break */
		q->n--;
		mutex_unlock(&q->m);
	}
}

/* Held after the loop on every path and released there: the usual "lock when ready". */
void wait_ready_ok(struct q *q)
{
	for (;;) {
		spin_lock(&q->lock);
		if (q->ready)
			break;
		spin_unlock(&q->lock);
		cpu_relax();
	}
	q->n++;
	spin_unlock(&q->lock);
}

void drain_ok(struct q *q)
{
	for (;;) {
		mutex_lock(&q->m);
		if (q->empty) {
			mutex_unlock(&q->m);
			break;
		}
		q->n--;
		mutex_unlock(&q->m);
	}
}

/* continue goes back to the test: the lock was released before it. */
void skip_ok(struct q *q, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&q->m);
		if (q->skip[i]) {
			mutex_unlock(&q->m);
			continue;
		}
		q->n++;
		mutex_unlock(&q->m);
	}
}

void skip_bug(struct q *q, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&q->m); /* expect: double-acquire */
		if (q->skip[i])
			continue;
		q->n++;
		mutex_unlock(&q->m);
	}
} /* expect: inconsistent-return */

/* The lock is named through the loop index: `continue` moves on to the next slot with
 * this slot's lock still held. */
void slots_reset_bug(struct table *t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		spin_lock(&t->slot[i].lock); /* expect: held-across-iteration */
		if (!t->slot[i].used)
			continue;
		t->slot[i].used = 0;
		spin_unlock(&t->slot[i].lock);
	}
}

void slots_reset_ok(struct table *t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		spin_lock(&t->slot[i].lock);
		if (!t->slot[i].used) {
			spin_unlock(&t->slot[i].lock);
			continue;
		}
		t->slot[i].used = 0;
		spin_unlock(&t->slot[i].lock);
	}
}

/* while (B_TRUE): the only way out is the return inside, after both unlocks. */
int take_work(struct pool *p)
{
	int n;

	mutex_enter(&p->pool_mtx);
	mutex_enter(&p->queue_mtx);
	while (B_TRUE) {
		n = p->count;
		if (n > 0) {
			mutex_exit(&p->queue_mtx);
			mutex_exit(&p->pool_mtx);
			return (n);
		}
		cv_wait(&p->cv, &p->queue_mtx);
	}
}

/* Correct: the walk stops at the first ancestor that has the data, locked, and hands it to
 * the caller through *found (its comment says "returns the locked prison"). */
struct prison { struct prison *parent; struct mtx mtx; void *data; };
extern struct prison prison0;

void *prison_data_find(struct prison *start, struct prison **found)
{
	struct prison *pr;
	void *data;

	for (pr = start;; pr = pr->parent) {
		mtx_lock(&pr->mtx);
		if (pr == &prison0 || pr->data != NULL) {
			data = pr->data;
			break;
		}
		mtx_unlock(&pr->mtx);
	}
	*found = pr;
	return (data);
}

/* list_for_each_entry(pos, head, member) { ... } is a loop whose head is a macro call:
 * the pre-pass rewrites it into `while (...)`.  The lock is taken and dropped inside the
 * body on every iteration; a `break` or a `return` from the middle of the body leaves it
 * held. */

struct req {
	struct list_head link;
	spinlock_t lock;
	int state;
	int id;
};

struct req_queue {
	struct list_head pending;
	spinlock_t lock;
	int nr_done;
};

/* break with the per-request lock held: the loop exits with it taken. */
int rq_count_done_bug(struct req_queue *q)
{
	struct req *r;
	int n = 0;

	list_for_each_entry(r, &q->pending, link) {
		spin_lock(&r->lock);
		if (r->state < 0)
			break; /* expect: held-at-break */
		if (r->state == 2)
			n++;
		spin_unlock(&r->lock);
	}
	return n;
}

int rq_count_done_ok(struct req_queue *q)
{
	struct req *r;
	int n = 0;

	list_for_each_entry(r, &q->pending, link) {
		spin_lock(&r->lock);
		if (r->state < 0) {
			spin_unlock(&r->lock);
			break;
		}
		if (r->state == 2)
			n++;
		spin_unlock(&r->lock);
	}
	return n;
}

/* return from inside the body: the queue lock taken around the walk is still held on
 * the error return.  (Returning the entry itself with the lock held, NULL without it,
 * would be a conditional-acquire lookup, which the tool rightly leaves alone.) */
int rq_state_bug(struct req_queue *q, int id)
{
	struct req *r;
	int state = -ENOENT;

	spin_lock_irq(&q->lock);
	list_for_each_entry(r, &q->pending, link) {
		if (r->id != id)
			continue;
		if (r->state < 0)
			return -EIO; /* expect: inconsistent-return */
		state = r->state;
		break;
	}
	spin_unlock_irq(&q->lock);
	return state;
}

int rq_state_ok(struct req_queue *q, int id)
{
	struct req *r;
	int state = -ENOENT;

	spin_lock_irq(&q->lock);
	list_for_each_entry(r, &q->pending, link) {
		if (r->id != id)
			continue;
		state = r->state < 0 ? -EIO : r->state;
		break;
	}
	spin_unlock_irq(&q->lock);
	return state;
}

/* The body is a single statement, no braces. */
void rq_mark_all_ok(struct req_queue *q)
{
	struct req *r;

	list_for_each_entry(r, &q->pending, link)
		if (r->state == 1)
			r->state = 2;
	spin_lock(&q->lock);
	q->nr_done = 0;
	spin_unlock(&q->lock);
}

/* `continue` with the entry's lock held: the lock of that entry is never dropped.  (The
 * next iteration locks the next entry's lock, another lock: the cursor is reassigned at
 * the head, so it is not a double acquire.)  The leak is reported at the acquire, when
 * the cursor moves on with the lock held while the body releases it on other paths. */
void rq_reset_bug(struct req_queue *q)
{
	struct req *r;

	list_for_each_entry(r, &q->pending, link) {
		spin_lock(&r->lock); /* expect: held-across-iteration */
		if (!r->state) /* expect-note: taken when 'r->state' is false */
			continue;
		r->state = 0;
		spin_unlock(&r->lock);
	}
}

void rq_reset_ok(struct req_queue *q)
{
	struct req *r;

	list_for_each_entry(r, &q->pending, link) {
		spin_lock(&r->lock);
		if (r->state)
			r->state = 0;
		spin_unlock(&r->lock);
	}
}

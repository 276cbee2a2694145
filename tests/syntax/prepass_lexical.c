/* Things the lexical pre-pass must leave alone: macro names inside strings, character
 * literals and comments, iterator-like names used as plain calls (followed by `;`) or as
 * values, attribute names used as struct fields, and #define bodies.  Each *_bug is
 * reported only if the rest of its function was read as written. */

#define for_each_slot(s, t) for ((s) = (t)->slots; (s) < (t)->slots + 8; (s)++)
#define LOCK_NAME "list_for_each_entry(" /* __acquires(x) in a comment */

struct slot_table {
	spinlock_t lock;
	int slots[8];
	int noinline;		/* a field with an attribute's name */
	int __init_done;
	int nr;
};

/* An iterator-like name called as a statement (it ends with `;`, so it is a call, not a
 * loop head), a string holding a loop head, a quote character literal. */
int st_dump_bug(struct slot_table *t)
{
	char q = '"';

	spin_lock(&t->lock);
	count_for_each_slot(t);
	pr_info("list_for_each_entry(%c) {\n", q);
	if (t->noinline)
		return -EINVAL; /* expect: inconsistent-return */
	spin_unlock(&t->lock);
	return 0;
}

int st_dump_ok(struct slot_table *t)
{
	char q = '"';

	spin_lock(&t->lock);
	count_for_each_slot(t);
	pr_info("list_for_each_entry(%c) {\n", q);
	spin_unlock(&t->lock);
	if (t->noinline)
		return -EINVAL;
	return 0;
}

/* Attribute names as fields (t->noinline, t->__init_done) and an iterator-like name as a
 * value: nothing is blanked or rewritten. */
void st_mark_bug(struct slot_table *t)
{
	int n = nr_for_each_cpu(t) + t->noinline;

	spin_lock(&t->lock);
	t->__init_done = n;
	t->noinline = 0;
	spin_lock(&t->lock); /* expect: double-acquire */
	spin_unlock(&t->lock);
}

void st_mark_ok(struct slot_table *t)
{
	int n = nr_for_each_cpu(t) + t->noinline;

	spin_lock(&t->lock);
	t->__init_done = n;
	t->noinline = 0;
	spin_unlock(&t->lock);
}

/* A user-defined iterator whose name only contains `for_each`, used as a loop, and a
 * comment between the head and the body. */
int st_sum_bug(struct slot_table *t)
{
	int *s, sum = 0;

	for_each_slot(s, t) /* every slot */ {
		spin_lock(&t->lock);
		if (*s < 0)
			break; /* expect: held-at-break */
		sum += *s;
		spin_unlock(&t->lock);
	}
	return sum;
}

int st_sum_ok(struct slot_table *t)
{
	int *s, sum = 0;

	for_each_slot(s, t) /* every slot */ {
		spin_lock(&t->lock);
		sum += *s;
		spin_unlock(&t->lock);
	}
	return sum;
}

/* An iterator with no arguments whose body is a single statement.  The loop may also run
 * no times, and then the unlock after it drops a lock never taken. */
void st_poll_bug(struct slot_table *t)
{
	for_each_online_node_forever()
		spin_lock(&t->lock); /* expect: double-acquire */
	spin_unlock(&t->lock); /* expect: release-unheld */
}

void st_poll_ok(struct slot_table *t)
{
	for_each_online_node_forever()
		st_poll_one(t);
	spin_lock(&t->lock);
	t->nr = 0;
	spin_unlock(&t->lock);
}

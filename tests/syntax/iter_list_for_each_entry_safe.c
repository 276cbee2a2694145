/* list_for_each_entry_safe(pos, n, head, member): four arguments, the cursor may be freed
 * in the body.  Same loop shape as list_for_each_entry after the pre-pass. */

struct conn {
	struct list_head node;
	struct mutex mutex;
	int refs;
	int closing;
};

struct conn_table {
	struct list_head conns;
	struct mutex mutex;
	int nr;
};

/* An early return from the body leaves the connection's mutex held. */
void ct_reap_bug(struct conn_table *ct)
{
	struct conn *c, *tmp;

	list_for_each_entry_safe(c, tmp, &ct->conns, node) {
		mutex_lock(&c->mutex);
		if (c->refs < 0) {
			pr_warn("conn refcount underflow\n");
			return; /* expect: inconsistent-return */
		}
		if (!c->refs && c->closing) {
			list_del(&c->node);
			ct->nr--;
		}
		mutex_unlock(&c->mutex);
	}
}

void ct_reap_ok(struct conn_table *ct)
{
	struct conn *c, *tmp;

	list_for_each_entry_safe(c, tmp, &ct->conns, node) {
		mutex_lock(&c->mutex);
		if (c->refs < 0) {
			mutex_unlock(&c->mutex);
			pr_warn("conn refcount underflow\n");
			return;
		}
		if (!c->refs && c->closing) {
			list_del(&c->node);
			ct->nr--;
		}
		mutex_unlock(&c->mutex);
	}
}

/* The table mutex is dropped around each free and re-taken; a break on the way out
 * skips the re-lock, and the final unlock then releases a mutex that is not held. */
void ct_flush_bug(struct conn_table *ct)
{
	struct conn *c, *tmp;

	mutex_lock(&ct->mutex);
	list_for_each_entry_safe(c, tmp, &ct->conns, node) {
		list_del(&c->node);
		mutex_unlock(&ct->mutex);
		if (c->closing)
			break;
		kfree(c);
		mutex_lock(&ct->mutex);
	}
	mutex_unlock(&ct->mutex); /* expect: double-release */
}

void ct_flush_ok(struct conn_table *ct)
{
	struct conn *c, *tmp;

	mutex_lock(&ct->mutex);
	list_for_each_entry_safe(c, tmp, &ct->conns, node) {
		list_del(&c->node);
		mutex_unlock(&ct->mutex);
		kfree(c);
		mutex_lock(&ct->mutex);
	}
	mutex_unlock(&ct->mutex);
}

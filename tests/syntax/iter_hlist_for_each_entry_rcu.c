/* hlist_for_each_entry_rcu(pos, head, member) inside an RCU read-side section, with a
 * spinlock taken per entry. */

struct flow {
	struct hlist_node hnode;
	spinlock_t lock;
	u32 key;
	u64 packets;
};

struct flow_table {
	struct hlist_head buckets[256];
};

/* A hit returns out of the walk without rcu_read_unlock(). */
u64 flow_packets_bug(struct flow_table *ft, u32 key)
{
	struct flow *f;

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &ft->buckets[key & 255], hnode) {
		if (f->key == key)
			return READ_ONCE(f->packets); /* expect: inconsistent-return */
	}
	rcu_read_unlock();
	return 0;
}

u64 flow_packets_ok(struct flow_table *ft, u32 key)
{
	struct flow *f;
	u64 n = 0;

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &ft->buckets[key & 255], hnode) {
		if (f->key == key) {
			n = READ_ONCE(f->packets);
			break;
		}
	}
	rcu_read_unlock();
	return n;
}

/* The per-flow lock is still held when the walk breaks out. */
void flow_bump_bug(struct flow_table *ft, u32 key)
{
	struct flow *f;

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &ft->buckets[key & 255], hnode) {
		spin_lock_bh(&f->lock);
		if (f->key == key) {
			f->packets++;
			break; /* expect: held-at-break */
		}
		spin_unlock_bh(&f->lock);
	}
	rcu_read_unlock();
}

void flow_bump_ok(struct flow_table *ft, u32 key)
{
	struct flow *f;

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &ft->buckets[key & 255], hnode) {
		spin_lock_bh(&f->lock);
		if (f->key == key) {
			f->packets++;
			spin_unlock_bh(&f->lock);
			break;
		}
		spin_unlock_bh(&f->lock);
	}
	rcu_read_unlock();
}

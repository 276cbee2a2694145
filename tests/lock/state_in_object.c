/* A callee that keeps in the object whether it returns holding the lock: try_assign()
 * takes the slot lock and records the generation in tx->tx_gen; unassign() releases only
 * when tx->tx_gen is set.  The caller cannot tell the ways apart by the value returned,
 * but the release helper's own test does. */
struct slot { kmutex_t c_lock; int c_n; };
struct handle { struct slot *h_cpu; };
struct tx { struct handle tx_h; int tx_gen; void *tx_pool; };
struct slot *slot_pick(void);
int pool_need_delay(void *pool);
int tx_busy(struct tx *tx);
void tx_wait(struct tx *tx);

void handle_rele(struct handle *h)
{
	mutex_exit(&h->h_cpu->c_lock);
}

int handle_open(struct handle *h)
{
	struct slot *c = slot_pick();

	mutex_enter(&c->c_lock);
	h->h_cpu = c;
	return (c->c_n);
}

/* Correct: returns ERESTART without the lock (delay) or with it (busy); tx->tx_gen, set
 * from the call that took it, says which, and unassign() tests it. */
static int try_assign(struct tx *tx)
{
	if (pool_need_delay(tx->tx_pool))
		return (SET_ERROR(ERESTART));
	tx->tx_gen = handle_open(&tx->tx_h);
	if (tx_busy(tx))
		return (SET_ERROR(ERESTART));
	return (0);
}

/* Bug: the same, but nothing records the hold: no caller can tell the two ERESTARTs apart. */
static int try_assign_bug(struct tx *tx)
{
	int gen;

	if (pool_need_delay(tx->tx_pool))
		return (SET_ERROR(ERESTART));
	gen = handle_open(&tx->tx_h);
	if (tx_busy(tx) || gen < 0)
		return (SET_ERROR(ERESTART)); /* expect: inconsistent-return */
	return (0);
}

static void unassign(struct tx *tx)
{
	if (tx->tx_gen == 0)
		return;
	handle_rele(&tx->tx_h);
	tx->tx_gen = 0;
}

/* Correct: every failed try is undone by unassign, which knows whether to release. */
int assign_ok(struct tx *tx, int wait)
{
	int err;

	ASSERT0(tx->tx_gen);
	while ((err = try_assign(tx)) != 0) {
		unassign(tx);
		if (!wait)
			return (err);
		tx_wait(tx);
	}
	handle_rele(&tx->tx_h);
	return (0);
}

/* Bug: releases after a failed try, whichever way it failed. */
int assign_bug(struct tx *tx)
{
	int err = try_assign(tx);

	if (err != 0) {
		handle_rele(&tx->tx_h); /* expect: release-unheld */
		return (err);
	}
	handle_rele(&tx->tx_h);
	return (0);
}

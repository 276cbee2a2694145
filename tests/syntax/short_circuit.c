/* Nested && and || in conditions become edges: the lock taken in the right operand of
 * && happens only when the left is true, the one in the right of || only when the left is
 * false.  Also the same operators outside a condition (a value), and `!`. */

struct sock_ctx {
	spinlock_t lock;
	struct mutex mutex;
	int dead;
	int shut;
	int queued;
};

/* The unlock is guarded by a different condition than the lock: when `dead` is set the
 * trylock is never attempted, yet the unlock runs. */
int sk_poke_bug(struct sock_ctx *sk, int force)
{
	if (!sk->dead && spin_trylock(&sk->lock)) {
		sk->queued++;
	}
	if (force || sk->queued > 8)
		sk->shut = 1;
	spin_unlock(&sk->lock); /* expect: release-unheld */
	return 0;
}

int sk_poke_ok(struct sock_ctx *sk, int force)
{
	if (!sk->dead && spin_trylock(&sk->lock)) {
		sk->queued++;
		spin_unlock(&sk->lock);
	}
	if (force || sk->queued > 8)
		sk->shut = 1;
	return 0;
}

/* ((a && b) || (c && !d)): the early return is taken with the lock held. */
int sk_check_bug(struct sock_ctx *sk, int a, int b)
{
	mutex_lock(&sk->mutex);
	if ((sk->dead && a) || (sk->shut && !(b || sk->queued)))
		return -EPIPE; /* expect: inconsistent-return */
	sk->queued = a + b;
	mutex_unlock(&sk->mutex);
	return -EAGAIN;
}

int sk_check_ok(struct sock_ctx *sk, int a, int b)
{
	mutex_lock(&sk->mutex);
	if ((sk->dead && a) || (sk->shut && !(b || sk->queued))) {
		mutex_unlock(&sk->mutex);
		return -EPIPE;
	}
	sk->queued = a + b;
	mutex_unlock(&sk->mutex);
	return -EAGAIN;
}

/* The same test twice with nothing written in between: the two ifs are correlated, so
 * lock-if-X / unlock-if-X through && and || is balanced (states with the same locks but
 * different facts about a twice-tested condition are kept apart at the join). */
void sk_flush_ok(struct sock_ctx *sk, int urgent, int idle)
{
	if (urgent || (idle && sk->queued))
		spin_lock(&sk->lock);
	sk->shut = 0;
	if (urgent || (idle && sk->queued))
		spin_unlock(&sk->lock);
}

void sk_and_twice_ok(struct sock_ctx *sk, int a)
{
	if (a && sk->queued)
		spin_lock(&sk->lock);
	sk->shut = 0;
	if (a && sk->queued)
		spin_unlock(&sk->lock);
}

void sk_or_twice_ok(struct sock_ctx *sk, int a)
{
	if (a || sk->queued)
		spin_lock(&sk->lock);
	sk->shut = 0;
	if (a || sk->queued)
		spin_unlock(&sk->lock);
}

/* ... and with the second test different, it is not. */
void sk_flush_bug(struct sock_ctx *sk, int urgent, int idle)
{
	if (urgent || (idle && sk->queued))
		spin_lock(&sk->lock);
	sk->shut = 0;
	if (urgent && (idle || sk->queued))
		spin_unlock(&sk->lock);
} /* expect: inconsistent-return */

/* && as a value (not a condition) with a trylock on its right: taken only sometimes. */
void sk_mark_bug(struct sock_ctx *sk)
{
	int locked = sk->queued && spin_trylock(&sk->lock);

	sk->shut = 1;
	spin_unlock(&sk->lock); /* expect: release-unheld */
	(void)locked;
}

/* KNOWN FALSE ALARM: the trylock inside the && value is built with no result variable,
 * so `locked` learns nothing of its outcome and `if (locked)` does not tell the paths
 * apart.  The condition form `if (sk->queued && spin_trylock(...))` works. */
void sk_mark_ok(struct sock_ctx *sk)
{
	int locked = sk->queued && spin_trylock(&sk->lock);

	sk->shut = 1;
	if (locked)
		spin_unlock(&sk->lock); /* known-fp: release-unheld */
}

/* #ifdef / #if / #else / #elif inside a function body: either side may be compiled in, and
 * two blocks under the same condition are compiled in together. */

struct netdev {
	spinlock_t lock;
	spinlock_t stats_lock;
	struct mutex mutex;
	int flags;
	long drops;
};

/* Lock and unlock under the same #ifdef: balanced whichever way it is configured. */
void nd_account_ok(struct netdev *nd)
{
#ifdef CONFIG_NET_STATS
	spin_lock(&nd->stats_lock);
#endif
	nd->drops++;
#ifdef CONFIG_NET_STATS
	spin_unlock(&nd->stats_lock);
#endif
}

/* The unlock sits under a different option than the lock. */
void nd_account_bug(struct netdev *nd)
{
#ifdef CONFIG_NET_STATS
	spin_lock(&nd->stats_lock);
#endif
	nd->drops++;
#ifdef CONFIG_NET_STATS_LOCKED
	spin_unlock(&nd->stats_lock); /* expect: release-unheld */
#endif
}

/* #if defined(X) with #else on both sides: a mutex or a spinlock, never both. */
int nd_set_flags_ok(struct netdev *nd, int flags)
{
#if defined(CONFIG_ND_SLEEPING)
	mutex_lock(&nd->mutex);
#else
	spin_lock(&nd->lock);
#endif
	nd->flags = flags;
#if defined(CONFIG_ND_SLEEPING)
	mutex_unlock(&nd->mutex);
#else
	spin_unlock(&nd->lock);
#endif
	return 0;
}

/* #ifndef for the lock, #ifdef for the unlock: they are never both compiled in. */
int nd_set_flags_bug(struct netdev *nd, int flags)
{
#ifndef CONFIG_ND_LOCKLESS
	spin_lock(&nd->lock);
#endif
	nd->flags = flags;
#ifdef CONFIG_ND_LOCKLESS
	spin_unlock(&nd->lock);
#endif
	return 0; /* expect: inconsistent-return */
}

/* #ifndef for both: fine. */
int nd_clear_flags_ok(struct netdev *nd)
{
#ifndef CONFIG_ND_LOCKLESS
	spin_lock(&nd->lock);
#endif
	nd->flags = 0;
#ifndef CONFIG_ND_LOCKLESS
	spin_unlock(&nd->lock);
#endif
	return 0;
}

/* An early return inside an #ifdef block, with the lock taken outside it. */
int nd_xmit_bug(struct netdev *nd, int len)
{
	spin_lock(&nd->lock);
#ifdef CONFIG_ND_CHECKS
	if (len > 1500)
		return -EMSGSIZE; /* expect: inconsistent-return */
#endif
	nd->drops += len;
	spin_unlock(&nd->lock);
	return 0;
}

int nd_xmit_ok(struct netdev *nd, int len)
{
	spin_lock(&nd->lock);
#ifdef CONFIG_ND_CHECKS
	if (len > 1500) {
		spin_unlock(&nd->lock);
		return -EMSGSIZE;
	}
#endif
	nd->drops += len;
	spin_unlock(&nd->lock);
	return 0;
}

/* #if / #elif / #else chain: three configurations, each balanced. */
void nd_reset_ok(struct netdev *nd)
{
#if CONFIG_ND_MODE == 1
	spin_lock(&nd->lock);
	nd->flags = 1;
	spin_unlock(&nd->lock);
#elif CONFIG_ND_MODE == 2
	mutex_lock(&nd->mutex);
	nd->flags = 2;
	mutex_unlock(&nd->mutex);
#else
	mutex_lock(&nd->mutex);
	nd->flags = 0;
	mutex_unlock(&nd->mutex);
#endif
}

/* ... and one branch of the chain forgets its unlock. */
void nd_reset_bug(struct netdev *nd)
{
#if CONFIG_ND_MODE == 1
	spin_lock(&nd->lock);
	nd->flags = 1;
	spin_unlock(&nd->lock);
#elif CONFIG_ND_MODE == 2
	mutex_lock(&nd->mutex);
	nd->flags = 2;
#else
	mutex_lock(&nd->mutex);
	nd->flags = 0;
	mutex_unlock(&nd->mutex);
#endif
} /* expect: inconsistent-return */

/* An #ifdef that cuts an if/else in the middle: the else arm exists only in one
 * configuration.  KNOWN MISS: tree-sitter reads the preprocessor structure, not the if,
 * and the body has ERROR nodes, so the function is skipped (`-v` says "has syntax
 * errors"): the *_ok twin is silent for that reason only, and the bug is not reported. */
void nd_drop_ok(struct netdev *nd, int hard)
{
	spin_lock(&nd->lock);
	if (hard)
		nd->drops = 0;
#ifdef CONFIG_ND_SOFT
	else
		nd->drops--;
#endif
	spin_unlock(&nd->lock);
}

void nd_drop_bug(struct netdev *nd, int hard)
{
	spin_lock(&nd->lock);
	if (hard)
		return; /* expect-known: inconsistent-return */
#ifdef CONFIG_ND_SOFT
	else
		nd->drops--;
#endif
	spin_unlock(&nd->lock);
}

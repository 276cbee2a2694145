/* A driver's private header: static inline lock wrappers, seen by every file that
 * includes it (in the style of DPDK's mlx5 priv_lock/priv_unlock). */
static inline void priv_lock(struct priv *priv)
{
	rte_spinlock_lock(&priv->lock);
}

static inline void priv_unlock(struct priv *priv)
{
	rte_spinlock_unlock(&priv->lock);
}

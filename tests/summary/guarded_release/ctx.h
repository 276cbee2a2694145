/* Lock helpers guarded by a test on their argument (in the style of DPDK's bnxt ULP
 * fdb-lock helpers): the acquire fails on a bad context, the release does nothing on one. */
static inline int ctx_acquire(struct ctx *ctx)
{
	if (!ctx || !ctx->cfg)
		return -1;
	if (pthread_mutex_lock(&ctx->cfg->db_lock))
		return -1;
	return 0;
}

static inline void ctx_release(struct ctx *ctx)
{
	if (!ctx || !ctx->cfg)
		return;
	pthread_mutex_unlock(&ctx->cfg->db_lock);
}

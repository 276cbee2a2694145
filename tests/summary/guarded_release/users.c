#include "ctx.h"

/* Correct: every path that took the lock releases it through the guarded helper. */
int ctx_update_ok(struct ctx *ctx, int v)
{
	if (ctx_acquire(ctx))
		return -EINVAL;
	if (v < 0)
		goto unlock;
	ctx->cfg->value = v;
unlock:
	ctx_release(ctx);
	return 0;
}

/* Bug: the error path returns without the release. */
int ctx_update_bug(struct ctx *ctx, int v)
{
	if (ctx_acquire(ctx))
		return -EINVAL;
	if (v < 0)
		return -ERANGE; /* expect: inconsistent-return */
	ctx->cfg->value = v;
	ctx_release(ctx);
	return 0;
}

#include "drv.h"

/* Bug: the rollback path returns with the private lock held. */
int drv_start_bug(struct dev *dev)
{
	struct priv *priv = dev->priv;
	int err;

	priv_lock(priv);
	err = drv_setup(priv);
	if (err)
		goto error;
	priv_unlock(priv);
	return 0;
error:
	drv_rollback(priv);
	return -err; /* expect: inconsistent-return */
}

/* Correct twin: the rollback path unlocks too. */
int drv_start_ok(struct dev *dev)
{
	struct priv *priv = dev->priv;
	int err;

	priv_lock(priv);
	err = drv_setup(priv);
	if (err)
		goto error;
	priv_unlock(priv);
	return 0;
error:
	drv_rollback(priv);
	priv_unlock(priv);
	return -err;
}

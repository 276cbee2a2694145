/* Macros that `return` from their caller: the lock is taken by the prepare macro, which
 * returns early (releasing it) when the channel is gone; the check macro unlocks and
 * returns on error. */
#define CMD_PREP(c) do { \
		spin_lock(&bp->cmd_lock); \
		if (!bp->chan) { \
			spin_unlock(&bp->cmd_lock); \
			return -EACCES; \
		} \
		(c)->seq = bp->seq++; \
	} while (0)

#define CMD_CHECK() do { \
		if (rc) { \
			spin_unlock(&bp->cmd_lock); \
			return rc; \
		} \
	} while (0)

#define CMD_UNLOCK() spin_unlock(&bp->cmd_lock)

int cmd_send_ok(struct dev *bp, struct cmd *c)
{
	int rc;

	CMD_PREP(c);
	rc = send(bp, c);
	CMD_CHECK();
	bp->done++;
	CMD_UNLOCK();
	return rc;
}

int cmd_send_bug(struct dev *bp, struct cmd *c)
{
	int rc;

	CMD_PREP(c);
	rc = send(bp, c);
	CMD_CHECK();
	if (!bp->done)
		return -ENOMEM; /* expect: inconsistent-return */
	CMD_UNLOCK();
	return rc;
}

/* A local pointer copy named like the macro's variable: the same lock. */
int cmd_local_ok(struct device *dev, struct cmd *c)
{
	struct dev *bp = dev->priv;
	int rc;

	CMD_PREP(c);
	rc = send(bp, c);
	CMD_CHECK();
	spin_unlock(&bp->cmd_lock);
	return rc;
}

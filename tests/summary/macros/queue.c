#include "queue.h"

int queue_push_bug(struct queue *q, int v)
{
	QUEUE_LOCK(q);
	if (QUEUE_LEN(q) > 64)
		return -ENOSPC; /* expect: inconsistent-return */
	q->slot[q->tail++] = v;
	QUEUE_UNLOCK(q);
	return 0;
}

int queue_push_ok(struct queue *q, int v)
{
	int ret = 0;

	QUEUE_LOCK(q);
	if (QUEUE_LEN(q) > 64)
		ret = -ENOSPC;
	else
		q->slot[q->tail++] = v;
	QUEUE_UNLOCK(q);
	return ret;
}

void log_twice_bug(struct logger *l)
{
	LOCKED_LOG_BEGIN(l);
	emit(l);
	LOCKED_LOG_BEGIN(l); /* expect: double-acquire */
	LOCKED_LOG_END(l);
}

void log_ok(struct logger *l)
{
	LOCKED_LOG_BEGIN(l);
	emit(l);
	LOCKED_LOG_END(l);
}

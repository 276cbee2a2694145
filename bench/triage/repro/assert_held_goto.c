struct q { kmutex_t lock; };
int ready(struct q *);
void run(struct q *);

void drain(struct q *vq)
{
again:
	ASSERT(MUTEX_HELD(&vq->lock));
	if (ready(vq))
		return;
	if (ready(vq)) {
		mutex_exit(&vq->lock);
		run(vq);
		mutex_enter(&vq->lock);
		goto again;
	}
}

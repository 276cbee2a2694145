/* A queue; pop unlocks on every path. */
struct item *queue_pop(struct queue *q)
{
	struct item *it;

	pthread_mutex_lock(&q->mutex);
	if (q->head == NULL) {
		pthread_mutex_unlock(&q->mutex);
		return NULL;
	}
	it = q->head;
	q->head = it->next;
	pthread_mutex_unlock(&q->mutex);
	return it;
}

int queue_len(struct queue *q)
{
	int n;

	pthread_mutex_lock(&q->mutex);
	n = q->len;
	pthread_mutex_unlock(&q->mutex);
	return n < 0 ? 0 : n;
}

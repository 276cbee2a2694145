/* while with break and continue; a for loop with all three clauses; for (;;). */
int drain(struct queue *q)
{
	int n = 0;

	while (q->head != q->tail) {
		mutex_lock(&q->mutex);
		if (q->stopped) {
			mutex_unlock(&q->mutex);
			break;
		}
		if (!q->ready) {
			mutex_unlock(&q->mutex);
			continue;
		}
		q->head++;
		mutex_unlock(&q->mutex);
		n++;
	}
	return n;
}

void clear(struct queue *q)
{
	int i;

	for (i = 0; i < q->size; i++)
		q->slots[i] = NULL;
	for (;;) {
		if (try_shrink(q))
			break;
	}
}

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

/* cfg:
function drain
  B0:
    4:6 assign n = zero
    goto B1
  B1:
    if truth(q->head!=q->tail) B2 else B3
  B2:
    7:3 lock acquire exclusive 'q->mutex'
    if truth(q->stopped) B4 else B5
  B3:
    return n any
  B4:
    9:4 lock release exclusive 'q->mutex'
    10:4 break
    goto B3
  B5:
    goto B6
  B6:
    if truth(q->ready) B8 else B7
  B7:
    13:4 lock release exclusive 'q->mutex'
    goto B1
  B8:
    goto B9
  B9:
    16:3 assign q->head
    17:3 lock release exclusive 'q->mutex'
    18:3 assign n
    goto B1
function clear
  B0:
    27:7 assign i = zero
    goto B1
  B1:
    if truth(i<q->size) B2 else B4
  B2:
    28:3 assign q->slots[i] = zero
    goto B3
  B3:
    27:27 assign i
    goto B1
  B4:
    goto B5
  B5:
    goto B6
  B6:
    30:7 call try_shrink -> try_shrink(q)
    if truth(try_shrink(q)) B9 else B10
  B7:
    goto B5
  B8:
    return (implicit) any
  B9:
    31:4 break
    goto B8
  B10:
    goto B11
  B11:
    goto B7
*/

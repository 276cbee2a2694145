/* do { ... } while (0) with a break inside (the body runs once; the test `0` is false, so
 * the test block goes straight to the exit), and a real do-while loop. */
int push(struct ring *r, int v)
{
	int ret = 0;

	do {
		spin_lock(&r->lock);
		if (r->full) {
			ret = -ENOSPC;
			spin_unlock(&r->lock);
			break;
		}
		r->buf[r->head] = v;
		r->head++;
		spin_unlock(&r->lock);
	} while (0);
	return ret;
}

void spin_until_idle(struct ring *r)
{
	do {
		cpu_relax();
	} while (READ_ONCE(r->busy));
}

/* cfg:
function push
  B0:
    5:6 assign ret = zero
    goto B1
  B1:
    8:3 lock acquire exclusive 'r->lock'
    if truth(r->full) B4 else B5
  B2:
    goto B3
  B3:
    return ret any
  B4:
    10:4 assign ret = neg
    11:4 lock release exclusive 'r->lock'
    12:4 break
    goto B3
  B5:
    goto B6
  B6:
    14:3 assign r->buf[r->head]
    15:3 assign r->head
    16:3 lock release exclusive 'r->lock'
    goto B2
function spin_until_idle
  B0:
    goto B1
  B1:
    24:3 call cpu_relax
    goto B2
  B2:
    25:11 call READ_ONCE -> READ_ONCE(r->busy)
    if truth(READ_ONCE(r->busy)) B1 else B3
  B3:
    return (implicit) any
*/

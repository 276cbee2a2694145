/* An iterator macro as a loop: the pre-pass turns `list_for_each_entry(...) {` into a
 * while whose test is unknown (both edges feasible, nothing learnt), and the cursor is
 * written at the head of each trip (and on the way out). */
int count_busy(struct pool *p)
{
	struct item *it;
	int n = 0;

	spin_lock(&p->lock);
	list_for_each_entry(it, &p->items, node) {
		if (it->busy)
			n++;
	}
	spin_unlock(&p->lock);
	return n;
}

/* cfg:
function count_busy
  B0:
    7:6 assign n = zero
    9:2 lock acquire exclusive 'p->lock'
    goto B1
  B1:
    10:22 assign it
    if unknown() B2 else B3
  B2:
    if truth(it->busy) B4 else B5
  B3:
    14:2 lock release exclusive 'p->lock'
    return n any
  B4:
    12:4 assign n
    goto B6
  B5:
    goto B6
  B6:
    goto B1
*/

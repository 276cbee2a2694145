/* A trylock as the condition of an early return, and nested && / || / ! turned into
 * edges (each operand its own test block). */
int stats_flush(struct stats *s, int force)
{
	if (!spin_trylock(&s->lock))
		return -EBUSY;
	if (force || (s->dirty && !s->frozen))
		s->flushed = s->count;
	spin_unlock(&s->lock);
	return 0;
}

/* cfg:
function stats_flush
  B0:
    5:7 lock try exclusive 's->lock' -> spin_trylock(&s->lock)
    if truth(spin_trylock(&s->lock)) B2 else B1
  B1:
    return neg
  B2:
    goto B3
  B3:
    if truth(force) B4 else B7
  B4:
    8:3 assign s->flushed
    goto B6
  B5:
    goto B6
  B6:
    9:2 lock release exclusive 's->lock'
    return zero
  B7:
    if truth(s->dirty) B8 else B5
  B8:
    if truth(s->frozen) B5 else B4
*/

/* guard(mutex)(&m): an acquire at the guard and a scope-exit release at each return that
 * leaves its block.  BUG() ends its path: the block stops, with no successor, and the
 * guard is not released there.  (No block is left by falling off its end here: that
 * scope-exit release is placed at the block's opening brace today: see
 * tests/syntax/guard_unlock.c.) */
int cfg_update(struct cfg *c, int v)
{
	guard(mutex)(&c->lock);
	if (v < 0)
		return -EINVAL;
	if (v > c->max)
		BUG();
	if (v == c->val)
		return 0;
	guard(spinlock_irq)(&c->irq_lock);
	c->val = v;
	return 1;
}

/* cfg:
function cfg_update
  B0:
    8:2 lock acquire exclusive 'c->lock'
    if neg(v) B1 else B2
  B1:
    10:3 lock release exclusive 'c->lock' scope-exit
    return neg
  B2:
    goto B3
  B3:
    if truth(v>c->max) B4 else B5
  B4:
    stop
  B5:
    goto B6
  B6:
    if truth(v==c->val) B7 else B8
  B7:
    14:3 lock release exclusive 'c->lock' scope-exit
    return zero
  B8:
    goto B9
  B9:
    15:2 lock acquire exclusive 'c->irq_lock'
    16:2 assign c->val
    17:2 lock release exclusive 'c->irq_lock' scope-exit
    17:2 lock release exclusive 'c->lock' scope-exit
    return pos
*/

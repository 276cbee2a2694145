/* if / else if / else with an early return; the implicit return at the closing brace. */
int dev_set_mode(struct dev *d, int mode)
{
	int ret = 0;

	spin_lock(&d->lock);
	if (mode < 0) {
		spin_unlock(&d->lock);
		return -EINVAL;
	} else if (mode == d->mode) {
		ret = 1;
	} else {
		d->mode = mode;
	}
	spin_unlock(&d->lock);
	return ret;
}

void dev_kick(struct dev *d)
{
	if (!d->ops)
		return;
	d->ops->kick(d);
}

/* cfg:
function dev_set_mode
  B0:
    4:6 assign ret = zero
    6:2 lock acquire exclusive 'd->lock'
    if neg(mode) B1 else B2
  B1:
    8:3 lock release exclusive 'd->lock'
    return neg
  B2:
    if truth(mode==d->mode) B4 else B5
  B3:
    15:2 lock release exclusive 'd->lock'
    return ret any
  B4:
    11:3 assign ret = pos
    goto B6
  B5:
    13:3 assign d->mode
    goto B6
  B6:
    goto B3
function dev_kick
  B0:
    if truth(d->ops) B2 else B1
  B1:
    return any
  B2:
    goto B3
  B3:
    23:2 call d->ops->kick
    return (implicit) any
*/

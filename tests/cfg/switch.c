/* switch: two labels on one case, a fallthrough, default in the middle, a case that
 * returns; and a switch without default (the head also jumps past the body). */
int port_cmd(struct port *p, int cmd)
{
	int ret = 0;

	spin_lock(&p->lock);
	switch (cmd) {
	case 0:
	case 1:
		p->state = cmd;
		fallthrough;
	default:
		p->gen++;
		break;
	case 2:
		spin_unlock(&p->lock);
		return -EINVAL;
	}
	spin_unlock(&p->lock);
	return ret;
}

void port_note(struct port *p)
{
	switch (p->state) {
	case 3:
		p->gen = 0;
	}
}

/* cfg:
function port_cmd
  B0:
    5:6 assign ret = zero
    7:2 lock acquire exclusive 'p->lock'
    switch B2 B3 B4 B5
  B1:
    20:2 lock release exclusive 'p->lock'
    return ret any
  B2:
    goto B3
  B3:
    11:3 assign p->state
    goto B4
  B4:
    14:3 assign p->gen
    goto B1
  B5:
    17:3 lock release exclusive 'p->lock'
    return neg
function port_note
  B0:
    switch B2 B1
  B1:
    return (implicit) any
  B2:
    28:3 assign p->gen = zero
    goto B1
*/

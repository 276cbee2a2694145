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
    switch B3 B5 B6 B8
  B1:
    20:2 lock release exclusive 'p->lock'
    return ret any
  B2:
    goto B4
  B3:
    9:2 assign cmd==0 = neg|pos|errptr|ptr
    goto B2
  B4:
    11:3 assign p->state
    goto B6
  B5:
    10:2 assign cmd==1 = neg|pos|errptr|ptr
    goto B4
  B6:
    14:3 assign p->gen
    goto B1
  B7:
    17:3 lock release exclusive 'p->lock'
    return neg
  B8:
    16:2 assign cmd==2 = neg|pos|errptr|ptr
    goto B7
function port_note
  B0:
    switch B3 B1
  B1:
    return (implicit) any
  B2:
    28:3 assign p->gen = zero
    goto B1
  B3:
    27:2 assign p->state==3 = neg|pos|errptr|ptr
    goto B2
*/

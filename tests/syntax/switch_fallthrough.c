/* switch with fallthrough (the `fallthrough;` pseudo-keyword, a comment, and nothing),
 * default in the middle, a case block in braces, and nested switches. */

struct port {
	spinlock_t lock;
	struct mutex mutex;
	int state;
	int speed;
};

enum { PORT_DOWN, PORT_UP, PORT_TESTING, PORT_DORMANT };

/* PORT_UP falls through into PORT_TESTING, which takes the lock a second time. */
int port_set_bug(struct port *p, int state)
{
	switch (state) {
	case PORT_UP:
		spin_lock(&p->lock);
		p->speed = 1000;
		fallthrough;
	case PORT_TESTING:
		spin_lock(&p->lock); /* expect: double-acquire */
		p->state = state;
		spin_unlock(&p->lock);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

int port_set_ok(struct port *p, int state)
{
	switch (state) {
	case PORT_UP:
		spin_lock(&p->lock);
		p->speed = 1000;
		spin_unlock(&p->lock);
		fallthrough;
	case PORT_TESTING:
		spin_lock(&p->lock);
		p->state = state;
		spin_unlock(&p->lock);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

/* The lock is taken before the switch; default sits in the middle and a braced case
 * returns without the unlock.  Fallthrough by comment and by empty case label. */
int port_query_bug(struct port *p, int what)
{
	int v = 0;

	mutex_lock(&p->mutex);
	switch (what) {
	case 0:
	case 1:
		v = p->state;
		/* fall through */
	default:
		v += p->speed;
		break;
	case 2: {
		int s = p->state;

		if (s == PORT_DORMANT)
			return -EAGAIN; /* expect: inconsistent-return */
		v = s;
		break;
	}
	case 3:
		v = -1;
		break;
	}
	mutex_unlock(&p->mutex);
	return v;
}

int port_query_ok(struct port *p, int what)
{
	int v = 0;

	mutex_lock(&p->mutex);
	switch (what) {
	case 0:
	case 1:
		v = p->state;
		/* fall through */
	default:
		v += p->speed;
		break;
	case 2: {
		int s = p->state;

		if (s == PORT_DORMANT) {
			v = -EAGAIN;
			break;
		}
		v = s;
		break;
	}
	case 3:
		v = -1;
		break;
	}
	mutex_unlock(&p->mutex);
	return v;
}

/* A switch with no default: the value that matches no case skips the only unlock. */
void port_kick_bug(struct port *p)
{
	spin_lock(&p->lock);
	switch (p->state) {
	case PORT_UP:
	case PORT_TESTING:
		p->speed++;
		spin_unlock(&p->lock);
		break;
	case PORT_DOWN:
		spin_unlock(&p->lock);
		break;
	}
} /* expect: inconsistent-return */

void port_kick_ok(struct port *p)
{
	spin_lock(&p->lock);
	switch (p->state) {
	case PORT_UP:
	case PORT_TESTING:
		p->speed++;
		break;
	case PORT_DOWN:
		break;
	}
	spin_unlock(&p->lock);
}

/* Nested switch: the inner break leaves only the inner switch; the outer case then
 * returns with the lock held. */
int port_nested_bug(struct port *p, int a, int b)
{
	spin_lock(&p->lock);
	switch (a) {
	case 0:
		switch (b) {
		case 0:
			break;
		default:
			spin_unlock(&p->lock);
			return -EINVAL;
		}
		return 0; /* expect: inconsistent-return */
	default:
		break;
	}
	spin_unlock(&p->lock);
	return 0;
}

int port_nested_ok(struct port *p, int a, int b)
{
	spin_lock(&p->lock);
	switch (a) {
	case 0:
		switch (b) {
		case 0:
			break;
		default:
			spin_unlock(&p->lock);
			return -EINVAL;
		}
		spin_unlock(&p->lock);
		return 0;
	default:
		break;
	}
	spin_unlock(&p->lock);
	return 0;
}

/* GNU case ranges `case LO ... HI:` (rewritten to a plain constant expression by the
 * pre-pass), with spaces, without spaces around the dots, and with character
 * constants. */

struct kbd {
	spinlock_t lock;
	int mods;
	int keys[256];
};

int kbd_event_bug(struct kbd *k, int code)
{
	spin_lock(&k->lock);
	switch (code) {
	case 0 ... 31:
		k->mods |= 1;
		break;
	case 32...127:
		k->keys[code]++;
		break;
	case 'a' ... 'z' + 128:
		return -EINVAL; /* expect: inconsistent-return */
	default:
		break;
	}
	spin_unlock(&k->lock);
	return 0;
}

int kbd_event_ok(struct kbd *k, int code)
{
	int ret = 0;

	spin_lock(&k->lock);
	switch (code) {
	case 0 ... 31:
		k->mods |= 1;
		break;
	case 32...127:
		k->keys[code]++;
		break;
	case 'a' ... 'z' + 128:
		ret = -EINVAL;
		break;
	default:
		break;
	}
	spin_unlock(&k->lock);
	return ret;
}

/* Ranges that fall through into each other; the lock is taken in one range and dropped
 * in the next, so entering at the second range drops a lock it never took.
 * (Once reported as an inconsistent-return when the join kept the flags of the untouched
 * path; release-unheld now looks at whether the good paths held the lock on entry.) */
void kbd_led_bug(struct kbd *k, int code)
{
	switch (code) {
	case 1 ... 3:
		spin_lock(&k->lock);
		k->mods = code;
		fallthrough;
	case 4 ... 6:
		spin_unlock(&k->lock); /* expect: release-unheld */
		break;
	}
}

void kbd_led_ok(struct kbd *k, int code)
{
	switch (code) {
	case 1 ... 3:
		spin_lock(&k->lock);
		k->mods = code;
		spin_unlock(&k->lock);
		fallthrough;
	case 4 ... 6:
		k->mods |= 8;
		break;
	}
}

/* The callers: after fatal() the path ends, and the `return` written for the compiler's
 * sake is never reached; after complain() it goes on. */
struct dev {
	spinlock_t lock;
	int ok;
	int n;
};

void fatal(struct dev *d, const char *why);
void complain(struct dev *d, int level);

int check_ok(struct dev *d)
{
	spin_lock(&d->lock);
	if (!d->ok) {
		fatal(d, "bad device");
		return -5;
	}
	d->n++;
	spin_unlock(&d->lock);
	return 0;
}

int check_bug(struct dev *d)
{
	spin_lock(&d->lock);
	if (!d->ok) {
		complain(d, d->n);
		return -5; /* expect: inconsistent-return */
	}
	d->n++;
	spin_unlock(&d->lock);
	return 0;
}

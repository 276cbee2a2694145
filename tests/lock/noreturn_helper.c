/* A helper none of whose paths returns (it ends in panic()) ends its callers' paths too:
 * the `return` written after it for the compiler's sake is never reached. */

struct dev {
	spinlock_t lock;
	int ok;
	int n;
};

void report(struct dev *d);

static void fatal(struct dev *d, const char *why)
{
	report(d);
	panic("%s", why);
}

int check_ok(struct dev *d)
{
	spin_lock(&d->lock);
	if (!d->ok) {
		fatal(d, "bad");
		return -5;	/* not reached */
	}
	d->n++;
	spin_unlock(&d->lock);
	return 0;
}

/* A helper that returns when its condition does not hold ends nothing. */
static void fatal_if(struct dev *d, int cond)
{
	if (cond)
		panic("bad");
	report(d);
}

/* Bug: the helper returns when d->n is not negative, and so does the function. */
int check_bug(struct dev *d)
{
	spin_lock(&d->lock);
	if (!d->ok) {
		fatal_if(d, d->n < 0);
		return -5; /* expect: inconsistent-return */
	}
	d->n++;
	spin_unlock(&d->lock);
	return 0;
}

/* guard(class)(args): the lock is held from the guard to the end of the enclosing block
 * and released there by the compiler (cleanup attribute) on every way out.  An explicit
 * unlock of the same lock before that is a double release at the scope exit: at the
 * return that leaves the scope, or at the closing brace of the block.
 *
 * The note points at the explicit unlock ("first released here by 'mutex_unlock'"); the
 * warning itself names the guard class as the releasing primitive ("released by
 * 'mutex'"), and no note says where the guard was taken. */

struct adc {
	struct mutex lock;
	spinlock_t irq_lock;
	int busy;
	int value;
};

/* Explicit unlock on an early return: reported at the return, where the scope is left. */
int adc_read_bug(struct adc *a)
{
	guard(mutex)(&a->lock);
	if (a->busy) {
		mutex_unlock(&a->lock); /* expect-note: first released here by 'mutex_unlock' */
		return -EBUSY; /* expect: double-release */
	}
	return a->value;
}

int adc_read_ok(struct adc *a)
{
	guard(mutex)(&a->lock);
	if (a->busy)
		return -EBUSY;
	return a->value;
}

/* Explicit unlock before falling off the end of the function: the scope exit is the
 * function's closing brace, where the warning lands. */
void adc_start_bug(struct adc *a)
{
	guard(mutex)(&a->lock);
	a->busy = 1;
	mutex_unlock(&a->lock);
} /* expect: double-release */

void adc_start_ok(struct adc *a)
{
	guard(mutex)(&a->lock);
	a->busy = 1;
}

/* The same in an inner block: the scope ends at the inner closing brace, and the lock is
 * free again after it. */
void adc_irq_bug(struct adc *a, int pending)
{
	if (pending) {
		guard(spinlock_irq)(&a->irq_lock);
		a->value = 0;
		spin_unlock_irq(&a->irq_lock);
	} /* expect: double-release */
	a->busy = 0;
}

void adc_irq_ok(struct adc *a, int pending)
{
	if (pending) {
		guard(spinlock_irq)(&a->irq_lock);
		a->value = 0;
	}
	spin_lock_irq(&a->irq_lock);
	a->busy = 0;
	spin_unlock_irq(&a->irq_lock);
}

/* Taking the guarded lock by hand while the guard holds it. */
void adc_reset_bug(struct adc *a)
{
	guard(spinlock)(&a->irq_lock);
	a->value = 0;
	spin_lock(&a->irq_lock); /* expect: double-acquire */
	a->busy = 0;
}

/* goto out of the guard's block: the scope is left at the goto. */
int adc_cal_ok(struct adc *a, int v)
{
	int ret = 0;

	{
		guard(mutex)(&a->lock);
		if (v < 0) {
			ret = -EINVAL;
			goto out;
		}
		a->value = v;
	}
out:
	mutex_lock(&a->lock);
	a->busy = 0;
	mutex_unlock(&a->lock);
	return ret;
}

int adc_cal_bug(struct adc *a, int v)
{
	int ret = 0;

	{
		guard(mutex)(&a->lock);
		if (v < 0) {
			ret = -EINVAL;
			mutex_unlock(&a->lock);
			goto out; /* expect: double-release */
		}
		a->value = v;
	}
out:
	return ret;
}

/* `asm goto` (and `asm volatile goto`): the statement may fall through or jump to any
 * label in its label list.  A jump that skips the unlock leaves the lock held. */

struct ctr {
	spinlock_t lock;
	long val;
};

/* A static-branch style check: the asm may jump to `slow`, which returns before the
 * unlock. */
long ctr_read_bug(struct ctr *c)
{
	long v;

	spin_lock(&c->lock);
	asm goto("1: nop\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".long 1b, %l[slow]\n\t"
		 ".popsection"
		 : : : : slow);
	v = c->val;
	spin_unlock(&c->lock);
	return v;
slow:
	return -1; /* expect: inconsistent-return */
}

long ctr_read_ok(struct ctr *c)
{
	long v;

	spin_lock(&c->lock);
	asm goto("1: nop\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".long 1b, %l[slow]\n\t"
		 ".popsection"
		 : : : : slow);
	v = c->val;
	spin_unlock(&c->lock);
	return v;
slow:
	spin_unlock(&c->lock);
	return -1;
}

/* Two labels, volatile, with inputs and clobbers: both labels reach the same unlock, and
 * so does falling through; `out_nolock` is only reachable from before the lock. */
int ctr_cmpxchg_ok(struct ctr *c, long old, long new)
{
	if (!c)
		goto out_nolock;
	spin_lock(&c->lock);
	asm volatile goto("cmpq %1, %0\n\t"
			  "jne %l[fail]\n\t"
			  "jz %l[busy]"
			  : : "m" (c->val), "r" (old) : "cc", "memory" : fail, busy);
	c->val = new;
	spin_unlock(&c->lock);
	return 0;
fail:
busy:
	spin_unlock(&c->lock);
	return -EAGAIN;
out_nolock:
	return -EINVAL;
}

/* One of the two labels skips the unlock. */
int ctr_cmpxchg_bug(struct ctr *c, long old, long new)
{
	if (!c)
		goto out_nolock;
	spin_lock(&c->lock);
	asm volatile goto("cmpq %1, %0\n\t"
			  "jne %l[fail]\n\t"
			  "jz %l[busy]"
			  : : "m" (c->val), "r" (old) : "cc", "memory" : fail, busy);
	c->val = new;
	spin_unlock(&c->lock);
	return 0;
fail:
	spin_unlock(&c->lock);
busy:
	return -EAGAIN; /* expect: inconsistent-return */
out_nolock:
	return -EINVAL;
}

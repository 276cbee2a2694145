/* for_each_possible_cpu(cpu): one argument, a per-CPU lock taken in the body. */

struct pcpu_counter {
	raw_spinlock_t lock;
	long count;
};

struct counter {
	struct pcpu_counter __percpu *pcpu;
	long total;
};

/* break with the per-CPU lock held. */
long counter_sum_bug(struct counter *c, long limit)
{
	long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct pcpu_counter *pc = per_cpu_ptr(c->pcpu, cpu);

		raw_spin_lock(&pc->lock);
		sum += pc->count;
		if (sum > limit)
			break; /* expect: held-at-break */
		raw_spin_unlock(&pc->lock);
	}
	return sum;
}

long counter_sum_ok(struct counter *c, long limit)
{
	long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct pcpu_counter *pc = per_cpu_ptr(c->pcpu, cpu);

		raw_spin_lock(&pc->lock);
		sum += pc->count;
		raw_spin_unlock(&pc->lock);
		if (sum > limit)
			break;
	}
	return sum;
}

/* A return from the body while the interrupts are off and the lock is held. */
int counter_check_bug(struct counter *c)
{
	unsigned long flags;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct pcpu_counter *pc = per_cpu_ptr(c->pcpu, cpu);

		raw_spin_lock_irqsave(&pc->lock, flags);
		if (pc->count < 0)
			return -EINVAL; /* expect: inconsistent-return */
		raw_spin_unlock_irqrestore(&pc->lock, flags);
	}
	return -ENOENT;
}

int counter_check_ok(struct counter *c)
{
	unsigned long flags;
	int cpu, bad = 0;

	for_each_possible_cpu(cpu) {
		struct pcpu_counter *pc = per_cpu_ptr(c->pcpu, cpu);

		raw_spin_lock_irqsave(&pc->lock, flags);
		if (pc->count < 0)
			bad = 1;
		raw_spin_unlock_irqrestore(&pc->lock, flags);
		if (bad)
			return -EINVAL;
	}
	return -ENOENT;
}

/* Computed goto (`goto *ptr;`, labels as values `&&label`), the interpreter-dispatch
 * shape.  The pre-pass turns `goto *expr;` into a jump to any label of the function.  The
 * file checks that it parses, does not crash, and does not derail the functions around
 * it; the lock is taken and dropped around the whole dispatch loop. */

struct vm {
	spinlock_t lock;
	const unsigned char *pc;
	long acc;
};

void vm_before_bug(struct vm *vm)
{
	spin_lock(&vm->lock);
	if (!vm->pc)
		return; /* expect: inconsistent-return */
	vm->acc = 0;
	spin_unlock(&vm->lock);
}

long vm_run_ok(struct vm *vm)
{
	static const void *const dispatch[] = { &&op_nop, &&op_inc, &&op_halt };
	long acc = 0;

	spin_lock(&vm->lock);
	goto *dispatch[*vm->pc++];
op_nop:
	goto *dispatch[*vm->pc++];
op_inc:
	acc++;
	goto *dispatch[*vm->pc++];
op_halt:
	vm->acc = acc;
	spin_unlock(&vm->lock);
	return acc;
}

/* A label reachable only by the computed goto returns early with the lock held. */
long vm_run_bug(struct vm *vm)
{
	static const void *const dispatch[] = { &&op_nop, &&op_err, &&op_halt };
	long acc = 0;

	spin_lock(&vm->lock);
	goto *dispatch[*vm->pc++];
op_nop:
	acc++;
	goto *dispatch[*vm->pc++];
op_err:
	return -EINVAL; /* expect: inconsistent-return */
op_halt:
	vm->acc = acc;
	spin_unlock(&vm->lock);
	return acc;
}

/* A computed goto in a function with no labels at all (the target is elsewhere, or the
 * code is broken): the path ends there. */
void vm_jump_ok(struct vm *vm, void *where)
{
	spin_lock(&vm->lock);
	vm->acc = 0;
	spin_unlock(&vm->lock);
	goto *where;
}

void vm_after_bug(struct vm *vm)
{
	spin_lock(&vm->lock);
	vm->acc++;
	spin_lock(&vm->lock); /* expect: double-acquire */
	spin_unlock(&vm->lock);
}

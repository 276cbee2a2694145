#include "alias.h"

int plat_add_bug(struct plat *p, int v)
{
	plat_spinlock_lock(&p->lock);
	if (v < 0)
		return -EINVAL; /* expect: inconsistent-return */
	p->sum += v;
	plat_spinlock_unlock(&p->lock);
	return 0;
}

int plat_add_ok(struct plat *p, int v)
{
	plat_spinlock_lock(&p->lock);
	p->sum += v;
	plat_spinlock_unlock(&p->lock);
	return 0;
}

struct fm { rte_spinlock_t lock; int shared; void *user; };
struct dev { struct fm *fm; struct dev *pf; int is_rep; };
struct fm *fm_begin(struct dev *d)	/* paired with fm_end() */
{
	struct fm *fm = d->is_rep ? d->pf->fm : d->fm;
	if (fm) {
		if (fm->shared)
			rte_spinlock_lock(&fm->lock);
		fm->user = d;
	}
	return fm;
}

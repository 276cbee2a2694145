/* Platform layers rename the primitives: the new names lock as the old ones do. */
#define plat_spinlock_lock rte_spinlock_lock
#define plat_spinlock_unlock rte_spinlock_unlock

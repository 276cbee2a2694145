/* profile_linux: the Linux kernel's lock primitives, guard classes and noreturn calls.
 * Data only.  Columns: name, effect, lock argument, mode, try success, flags, class.
 * The class names the kind of lock (spinlock, rwsem); for a global lock
 * (arg LOCKPRIM_NO_ARG) it is also the lock's key, so both halves of a pair
 * must agree on it.  The _irq/_irqsave/_bh variants keep the plain class: they
 * take the same lock, only the interrupt state around it differs. */
#include "lockapi.h"
#include "util.h"

#define NOARG LOCKPRIM_NO_ARG

static const struct lockprim rows[] = {
	/* spinlock_t */
	{ "spin_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_irqsave",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_irqsave_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_lock_bh_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_unlock_irq",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_trylock_irq",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spin_trylock_bh",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },

	/* raw_spinlock_t */
	{ "raw_spin_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_irqsave_nested",	LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_lock_bh_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_unlock_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_trylock_irq",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spin_trylock_bh",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },

	/* rwlock_t: readers may recurse, so the read side nests */
	{ "read_lock",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_lock_irq",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_lock_irqsave",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_lock_bh",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_unlock_irq",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_unlock_irqrestore",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_unlock_bh",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_irqsave",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_unlock_irq",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwlock", 0, 0, NULL, NULL },
	{ "write_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwlock", 0, 0, NULL, NULL },

	/* seqlock_t: the write side and the exclusive read side are a spinlock */
	{ "write_seqlock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_seqlock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_seqlock_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_seqlock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_sequnlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_sequnlock_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_sequnlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "write_sequnlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_seqlock_excl",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_seqlock_excl_irq",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_seqlock_excl_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_seqlock_excl_bh",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_sequnlock_excl",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_sequnlock_excl_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_sequnlock_excl_irqrestore",	LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },
	{ "read_sequnlock_excl_bh",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock", 0, 0, NULL, NULL },

	/* struct mutex: the interruptible and killable forms return 0 once locked */
	{ "mutex_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_io",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_io_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_interruptible",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_interruptible_nested",	LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_killable_nested",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_lock_killable_nest_lock",	LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex", 0, 0, NULL, NULL },

	/* struct rw_semaphore */
	{ "down_read",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_nested",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_non_owner",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "up_read",				LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "up_read_non_owner",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_killable",			LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_killable_nested",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem", 0, 0, NULL, NULL },
	{ "down_read_interruptible",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "up_write",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "rwsem", 0, 0, NULL, NULL },
	{ "down_write_killable_nested",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "rwsem", 0, 0, NULL, NULL },
	{ "downgrade_write",			LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },

	/* inode->i_rwsem */
	{ "inode_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "inode", 0, 0, NULL, NULL },
	{ "inode_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "inode", 0, 0, NULL, NULL },
	{ "inode_lock_shared",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_lock_shared_nested",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_unlock_shared",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode", 0, 0, NULL, NULL },
	{ "inode_trylock_shared",		LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "inode", 0, 0, NULL, NULL },
	{ "inode_lock_shared_killable",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "inode", 0, 0, NULL, NULL },

	/* address_space->i_mmap_rwsem and ->invalidate_lock */
	{ "i_mmap_lock_write",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "i_mmap", 0, 0, NULL, NULL },
	{ "i_mmap_unlock_write",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "i_mmap", 0, 0, NULL, NULL },
	{ "i_mmap_lock_read",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "i_mmap", 0, 0, NULL, NULL },
	{ "i_mmap_unlock_read",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "i_mmap", 0, 0, NULL, NULL },
	{ "i_mmap_trylock_read",		LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "i_mmap", 0, 0, NULL, NULL },
	{ "filemap_invalidate_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "invalidate_lock", 0, 0, NULL, NULL },
	{ "filemap_invalidate_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "invalidate_lock", 0, 0, NULL, NULL },
	{ "filemap_invalidate_lock_shared",	LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "invalidate_lock", 0, 0, NULL, NULL },
	{ "filemap_invalidate_unlock_shared",	LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "invalidate_lock", 0, 0, NULL, NULL },

	/* mm->mmap_lock */
	{ "mmap_read_lock",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_read_lock_killable",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_write_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_write_lock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_write_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_write_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mmap_lock", 0, 0, NULL, NULL },
	{ "mmap_write_downgrade",		LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock", 0, 0, NULL, NULL },

	/* RCU and SRCU read sides: shared, and they nest freely */
	{ "rcu_read_lock",			LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu", 0, 0, NULL, NULL },
	{ "rcu_read_unlock",			LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu", 0, 0, NULL, NULL },
	{ "rcu_read_lock_bh",			LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_bh", 0, 0, NULL, NULL },
	{ "rcu_read_unlock_bh",			LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_bh", 0, 0, NULL, NULL },
	{ "rcu_read_lock_sched",		LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched", 0, 0, NULL, NULL },
	{ "rcu_read_unlock_sched",		LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched", 0, 0, NULL, NULL },
	{ "rcu_read_lock_sched_notrace",	LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched", 0, 0, NULL, NULL },
	{ "rcu_read_unlock_sched_notrace",	LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched", 0, 0, NULL, NULL },
	{ "rcu_read_lock_trace",		LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_trace", 0, 0, NULL, NULL },
	{ "rcu_read_unlock_trace",		LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_trace", 0, 0, NULL, NULL },
	{ "srcu_read_lock",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu", 0, 0, NULL, NULL },
	{ "srcu_read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu", 0, 0, NULL, NULL },
	{ "srcu_read_lock_nmisafe",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu", 0, 0, NULL, NULL },
	{ "srcu_read_unlock_nmisafe",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu", 0, 0, NULL, NULL },

	/* Per-CPU states held like global locks.  Disabling twice is legal
	 * (save/restore pairs nest), so all of them count rather than complain. */
	{ "local_irq_save",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "local_irq_restore",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "local_irq_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "local_irq_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "preempt_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "preempt_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "preempt_disable_notrace",		LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "preempt_enable_notrace",		LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "preempt_enable_no_resched",		LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "local_bh_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "bh", 0, 0, NULL, NULL },
	{ "local_bh_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "bh", 0, 0, NULL, NULL },

	/* bit_spin_lock(bitnum, addr): the word is the lock */
	{ "bit_spin_lock",			LE_ACQUIRE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock", 1, 0, NULL, NULL },
	{ "bit_spin_unlock",			LE_RELEASE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock", 1, 0, NULL, NULL },
	{ "__bit_spin_unlock",			LE_RELEASE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock", 1, 0, NULL, NULL },
	{ "bit_spin_trylock",			LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "bit_spinlock", 1, 0, NULL, NULL },

	/* Sockets: lock_sock() owns the socket, bh_lock_sock() only takes its spinlock. */
	{ "lock_sock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock", 0, 0, NULL, NULL },
	{ "lock_sock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock", 0, 0, NULL, NULL },
	{ "lock_sock_fast",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock", 0, 0, NULL, NULL },
	{ "release_sock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock", 0, 0, NULL, NULL },
	{ "unlock_sock_fast",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock", 0, 0, NULL, NULL },
	{ "bh_lock_sock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh", 0, 0, NULL, NULL },
	{ "bh_lock_sock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh", 0, 0, NULL, NULL },
	{ "bh_unlock_sock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh", 0, 0, NULL, NULL },

	/* The RTNL mutex is one global lock */
	{ "rtnl_lock",				LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS,  0, "rtnl", 0, 0, NULL, NULL },
	{ "rtnl_unlock",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS,  0, "rtnl", 0, 0, NULL, NULL },
	{ "rtnl_trylock",			LE_TRY,		NOARG, LM_EXCLUSIVE, TS_NONZERO, 0, "rtnl", 0, 0, NULL, NULL },
	{ "rtnl_lock_killable",			LE_TRY,		NOARG, LM_EXCLUSIVE, TS_ZERO,    0, "rtnl", 0, 0, NULL, NULL },

	/* Page and folio locks */
	{ "folio_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "folio", 0, 0, NULL, NULL },
	{ "folio_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "folio", 0, 0, NULL, NULL },
	{ "folio_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "folio", 0, 0, NULL, NULL },
	{ "folio_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "folio", 0, 0, NULL, NULL },
	{ "lock_page",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "page", 0, 0, NULL, NULL },
	{ "unlock_page",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "page", 0, 0, NULL, NULL },
	{ "trylock_page",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "page", 0, 0, NULL, NULL },

	/* task_struct->alloc_lock */
	{ "task_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock", 0, 0, NULL, NULL },
	{ "task_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock", 0, 0, NULL, NULL },

	/* Drop a count and take the lock (argument 1) only when it reaches zero:
	 * true means "now held". */
	{ "atomic_dec_and_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "atomic_dec_and_lock_irqsave",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "atomic_dec_and_mutex_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex", 0, 0, NULL, NULL },
	{ "refcount_dec_and_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "refcount_dec_and_lock_irqsave",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "refcount_dec_and_mutex_lock",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex", 0, 0, NULL, NULL },

	/* Guard classes for guard()/scoped_guard(): the name is the class in
	 * DEFINE_GUARD/DEFINE_LOCK_GUARD_*; the _try/_intr/_kill forms are the
	 * DEFINE_*_COND ones, and scoped_cond_guard() enters its body only when
	 * the guard is non-NULL, hence TS_NONZERO for all of them. */
	{ "mutex",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_try",				LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex", 0, 0, NULL, NULL },
	{ "mutex_intr",				LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex", 0, 0, NULL, NULL },
	{ "spinlock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_irq_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_irqsave",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_irqsave_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_bh",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock", 0, 0, NULL, NULL },
	{ "spinlock_bh_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_nested",		LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_irq_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_irqsave",		LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_irqsave_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_bh",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "raw_spinlock_bh_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock", 0, 0, NULL, NULL },
	{ "read_lock",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_lock_irq",			LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "read_lock_irqsave",			LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "write_lock_irqsave",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock", 0, 0, NULL, NULL },
	{ "rwsem_read",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "rwsem_read_try",			LE_GUARD,	0, LM_SHARED,    TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "rwsem_read_intr",			LE_GUARD,	0, LM_SHARED,    TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "rwsem_write",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem", 0, 0, NULL, NULL },
	{ "rwsem_write_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "rwsem_write_kill",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem", 0, 0, NULL, NULL },
	{ "rcu",				LE_GUARD,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu", 0, 0, NULL, NULL },
	{ "srcu",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu", 0, 0, NULL, NULL },
	{ "preempt",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "preempt_notrace",			LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt", 0, 0, NULL, NULL },
	{ "irq",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "irqsave",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq", 0, 0, NULL, NULL },
	{ "task_lock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock", 0, 0, NULL, NULL },

	/* Calls that end the path (no lock, so no class).  BUG_ON/WARN_ON are
	 * conditional: not here.
	 * The two compiler builtins are also in the pthread profile; the kernel's
	 * unreachable() and BUG() expand to them, so a linux-only run needs them. */
	{ "BUG",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "panic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	/* Checks that stop the path when they fail (the path that continues is the checked one). */
	{ "BUG_ON",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_ZERO,   0, "", 0, 0, NULL, NULL },
	{ "lockdep_is_held",			LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "lockdep", 0, 0, NULL, NULL },
	{ "do_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "do_group_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "kthread_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "kthread_complete_and_exit",		LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "make_task_dead",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "machine_halt",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "emergency_restart",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "unreachable",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "__builtin_unreachable",		LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
	{ "__builtin_trap",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "", 0, 0, NULL, NULL },
};

const struct profile profile_linux = { "linux", rows, countof(rows) };

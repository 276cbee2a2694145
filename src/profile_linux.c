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
	{ "spin_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_irqsave",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_irqsave_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_lock_bh_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_unlock_irq",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spin_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spin_trylock_irq",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spin_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spin_trylock_bh",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },

	/* raw_spinlock_t */
	{ "raw_spin_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_irqsave_nested",	LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_lock_bh_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_unlock_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spin_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spin_trylock_irq",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spin_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spin_trylock_bh",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },

	/* rwlock_t: readers may recurse, so the read side nests */
	{ "read_lock",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_lock_irq",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_lock_irqsave",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_lock_bh",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_unlock_irq",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_unlock_irqrestore",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_unlock_bh",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, LP_NESTS, "rwlock" },
	{ "write_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_irqsave",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_unlock_irq",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_unlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_unlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwlock" },
	{ "write_trylock_irqsave",		LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwlock" },

	/* seqlock_t: the write side and the exclusive read side are a spinlock */
	{ "write_seqlock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_seqlock_irq",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_seqlock_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_seqlock_bh",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_sequnlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_sequnlock_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_sequnlock_irqrestore",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "write_sequnlock_bh",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_seqlock_excl",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_seqlock_excl_irq",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_seqlock_excl_irqsave",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_seqlock_excl_bh",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_sequnlock_excl",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_sequnlock_excl_irq",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_sequnlock_excl_irqrestore",	LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },
	{ "read_sequnlock_excl_bh",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "seqlock" },

	/* struct mutex: the interruptible and killable forms return 0 once locked */
	{ "mutex_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_lock_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_lock_io",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_lock_io_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex" },
	{ "mutex_lock_interruptible",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex" },
	{ "mutex_lock_interruptible_nested",	LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex" },
	{ "mutex_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex" },
	{ "mutex_lock_killable_nested",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex" },
	{ "mutex_lock_killable_nest_lock",	LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mutex" },

	/* struct rw_semaphore */
	{ "down_read",				LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "down_read_nested",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "down_read_non_owner",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "up_read",				LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "up_read_non_owner",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "down_read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "rwsem" },
	{ "down_read_killable",			LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem" },
	{ "down_read_killable_nested",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem" },
	{ "down_read_interruptible",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "rwsem" },
	{ "down_write",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },
	{ "down_write_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },
	{ "down_write_nest_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },
	{ "up_write",				LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },
	{ "down_write_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem" },
	{ "down_write_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "rwsem" },
	{ "down_write_killable_nested",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "rwsem" },
	{ "downgrade_write",			LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },

	/* inode->i_rwsem */
	{ "inode_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode" },
	{ "inode_lock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode" },
	{ "inode_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "inode" },
	{ "inode_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "inode" },
	{ "inode_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "inode" },
	{ "inode_lock_shared",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode" },
	{ "inode_lock_shared_nested",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode" },
	{ "inode_unlock_shared",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "inode" },
	{ "inode_trylock_shared",		LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "inode" },
	{ "inode_lock_shared_killable",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "inode" },

	/* address_space->i_mmap_rwsem and ->invalidate_lock */
	{ "i_mmap_lock_write",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "i_mmap" },
	{ "i_mmap_unlock_write",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "i_mmap" },
	{ "i_mmap_lock_read",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "i_mmap" },
	{ "i_mmap_unlock_read",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "i_mmap" },
	{ "i_mmap_trylock_read",		LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "i_mmap" },
	{ "filemap_invalidate_lock",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "invalidate_lock" },
	{ "filemap_invalidate_unlock",		LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "invalidate_lock" },
	{ "filemap_invalidate_lock_shared",	LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "invalidate_lock" },
	{ "filemap_invalidate_unlock_shared",	LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "invalidate_lock" },

	/* mm->mmap_lock */
	{ "mmap_read_lock",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  0, "mmap_lock" },
	{ "mmap_read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  0, "mmap_lock" },
	{ "mmap_read_trylock",			LE_TRY,		0, LM_SHARED,    TS_NONZERO, 0, "mmap_lock" },
	{ "mmap_read_lock_killable",		LE_TRY,		0, LM_SHARED,    TS_ZERO,    0, "mmap_lock" },
	{ "mmap_write_lock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock" },
	{ "mmap_write_lock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock" },
	{ "mmap_write_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock" },
	{ "mmap_write_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "mmap_lock" },
	{ "mmap_write_downgrade",		LE_DOWNGRADE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mmap_lock" },

	/* RCU and SRCU read sides: shared, and they nest freely */
	{ "rcu_read_lock",			LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu" },
	{ "rcu_read_unlock",			LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu" },
	{ "rcu_read_lock_bh",			LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_bh" },
	{ "rcu_read_unlock_bh",			LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_bh" },
	{ "rcu_read_lock_sched",		LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched" },
	{ "rcu_read_unlock_sched",		LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched" },
	{ "rcu_read_lock_sched_notrace",	LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched" },
	{ "rcu_read_unlock_sched_notrace",	LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_sched" },
	{ "rcu_read_lock_trace",		LE_ACQUIRE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_trace" },
	{ "rcu_read_unlock_trace",		LE_RELEASE,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu_trace" },
	{ "srcu_read_lock",			LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu" },
	{ "srcu_read_unlock",			LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu" },
	{ "srcu_read_lock_nmisafe",		LE_ACQUIRE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu" },
	{ "srcu_read_unlock_nmisafe",		LE_RELEASE,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu" },

	/* Per-CPU states held like global locks.  Disabling twice is legal
	 * (save/restore pairs nest), so all of them count rather than complain. */
	{ "local_irq_save",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "local_irq_restore",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "local_irq_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "local_irq_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "preempt_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "preempt_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "preempt_disable_notrace",		LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "preempt_enable_notrace",		LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "preempt_enable_no_resched",		LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "local_bh_disable",			LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "bh" },
	{ "local_bh_enable",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "bh" },

	/* bit_spin_lock(bitnum, addr): the word is the lock */
	{ "bit_spin_lock",			LE_ACQUIRE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock" },
	{ "bit_spin_unlock",			LE_RELEASE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock" },
	{ "__bit_spin_unlock",			LE_RELEASE,	1, LM_EXCLUSIVE, TS_ALWAYS,  0, "bit_spinlock" },
	{ "bit_spin_trylock",			LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "bit_spinlock" },

	/* Sockets: lock_sock() owns the socket, bh_lock_sock() only takes its spinlock. */
	{ "lock_sock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock" },
	{ "lock_sock_nested",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock" },
	{ "lock_sock_fast",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock" },
	{ "release_sock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock" },
	{ "unlock_sock_fast",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock" },
	{ "bh_lock_sock",			LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh" },
	{ "bh_lock_sock_nested",		LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh" },
	{ "bh_unlock_sock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "sock_bh" },

	/* The RTNL mutex is one global lock */
	{ "rtnl_lock",				LE_ACQUIRE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS,  0, "rtnl" },
	{ "rtnl_unlock",			LE_RELEASE,	NOARG, LM_EXCLUSIVE, TS_ALWAYS,  0, "rtnl" },
	{ "rtnl_trylock",			LE_TRY,		NOARG, LM_EXCLUSIVE, TS_NONZERO, 0, "rtnl" },
	{ "rtnl_lock_killable",			LE_TRY,		NOARG, LM_EXCLUSIVE, TS_ZERO,    0, "rtnl" },

	/* Page and folio locks */
	{ "folio_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "folio" },
	{ "folio_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "folio" },
	{ "folio_trylock",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "folio" },
	{ "folio_lock_killable",		LE_TRY,		0, LM_EXCLUSIVE, TS_ZERO,    0, "folio" },
	{ "lock_page",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "page" },
	{ "unlock_page",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "page" },
	{ "trylock_page",			LE_TRY,		0, LM_EXCLUSIVE, TS_NONZERO, 0, "page" },

	/* task_struct->alloc_lock */
	{ "task_lock",				LE_ACQUIRE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock" },
	{ "task_unlock",			LE_RELEASE,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock" },

	/* Drop a count and take the lock (argument 1) only when it reaches zero:
	 * true means "now held". */
	{ "atomic_dec_and_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "atomic_dec_and_lock_irqsave",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "atomic_dec_and_mutex_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex" },
	{ "refcount_dec_and_lock",		LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "refcount_dec_and_lock_irqsave",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "refcount_dec_and_mutex_lock",	LE_TRY,		1, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex" },

	/* Guard classes for guard()/scoped_guard(): the name is the class in
	 * DEFINE_GUARD/DEFINE_LOCK_GUARD_*; the _try/_intr/_kill forms are the
	 * DEFINE_*_COND ones, and scoped_cond_guard() enters its body only when
	 * the guard is non-NULL, hence TS_NONZERO for all of them. */
	{ "mutex",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "mutex" },
	{ "mutex_try",				LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex" },
	{ "mutex_intr",				LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex" },
	{ "spinlock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spinlock_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spinlock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spinlock_irq_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spinlock_irqsave",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spinlock_irqsave_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "spinlock_bh",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "spinlock" },
	{ "spinlock_bh_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock" },
	{ "raw_spinlock",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spinlock_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spinlock_nested",		LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spinlock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spinlock_irq_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spinlock_irqsave",		LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spinlock_irqsave_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "raw_spinlock_bh",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "raw_spinlock" },
	{ "raw_spinlock_bh_try",		LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "raw_spinlock" },
	{ "read_lock",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_lock_irq",			LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "read_lock_irqsave",			LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "rwlock" },
	{ "write_lock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_irq",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "write_lock_irqsave",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwlock" },
	{ "rwsem_read",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  0, "rwsem" },
	{ "rwsem_read_try",			LE_GUARD,	0, LM_SHARED,    TS_NONZERO, 0, "rwsem" },
	{ "rwsem_read_intr",			LE_GUARD,	0, LM_SHARED,    TS_NONZERO, 0, "rwsem" },
	{ "rwsem_write",			LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "rwsem" },
	{ "rwsem_write_try",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem" },
	{ "rwsem_write_kill",			LE_GUARD,	0, LM_EXCLUSIVE, TS_NONZERO, 0, "rwsem" },
	{ "rcu",				LE_GUARD,	NOARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu" },
	{ "srcu",				LE_GUARD,	0, LM_SHARED,    TS_ALWAYS,  LP_NESTS, "srcu" },
	{ "preempt",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "preempt_notrace",			LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "preempt" },
	{ "irq",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "irqsave",				LE_GUARD,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, LP_NESTS, "irq" },
	{ "task_lock",				LE_GUARD,	0, LM_EXCLUSIVE, TS_ALWAYS,  0, "task_lock" },

	/* Calls that end the path (no lock, so no class).  BUG_ON/WARN_ON are
	 * conditional: not here.
	 * The two compiler builtins are also in the pthread profile; the kernel's
	 * unreachable() and BUG() expand to them, so a linux-only run needs them. */
	{ "BUG",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "panic",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	/* Checks that stop the path when they fail (the path that continues is the checked one). */
	{ "BUG_ON",				LE_ASSERT,	0, LM_EXCLUSIVE, TS_ZERO,   0, "" },
	{ "lockdep_is_held",			LE_QUERY,	0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "lockdep" },
	{ "do_exit",				LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "do_group_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "kthread_exit",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "kthread_complete_and_exit",		LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "make_task_dead",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "machine_halt",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "emergency_restart",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "unreachable",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "__builtin_unreachable",		LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
	{ "__builtin_trap",			LE_NORETURN,	NOARG, LM_EXCLUSIVE, TS_ALWAYS, 0, "" },
};

const struct profile profile_linux = { "linux", rows, countof(rows) };

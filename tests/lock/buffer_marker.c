/* A pool of buffers whose slot mutex marks a buffer in use: the allocator takes a free
 * slot by trylock and hands back its buffer with the mutex still held; the free routine
 * finds the slot again through the buffer and drops it.  The lock goes out with the
 * value read out of the locked slot, not with the function's own work. */
struct slot { kmutex_t s_busy; void *s_mem; size_t s_size; };
struct mem { struct slot *m_slot; size_t m_size; };

static struct slot slots[16];

/* Correct: a slot's buffer goes out with its mutex held; a fresh buffer without one. */
static void *slot_alloc(size_t size)
{
	struct slot *s;
	struct mem *m = NULL;

	for (int i = 0; i < 16; i++) {
		s = &slots[i];
		if (mutex_tryenter(&s->s_busy)) {
			if (s->s_mem && size <= s->s_size) {
				m = s->s_mem;
				return (m);
			}
			mutex_exit(&s->s_busy);
		}
	}
	for (int i = 0; i < 16; i++) {
		s = &slots[i];
		if (mutex_tryenter(&s->s_busy)) {
			if (size <= s->s_size)
				return (s->s_mem);
			mutex_exit(&s->s_busy);
		}
	}
	m = kmem_alloc(size, KM_NOSLEEP);
	if (m)
		m->m_slot = NULL;
	return (m);
}

static void slot_free(struct mem *m)
{
	if (m->m_slot != NULL)
		mutex_exit(&m->m_slot->s_busy);
	else
		kmem_free(m, m->m_size);
}

/* Bug: a buffer that is a little small goes out with its mutex already dropped, so the
 * mutex does not mark it: the one that goes out holding it is a leak. */
static void *slot_alloc_bug(size_t size)
{
	struct slot *s;
	void *p;

	for (int i = 0; i < 16; i++) {
		s = &slots[i];
		if (mutex_tryenter(&s->s_busy)) {
			p = s->s_mem;
			if (size <= s->s_size)
				return (p); /* expect: inconsistent-return */
			mutex_exit(&s->s_busy);
			if (p != NULL && size <= 2 * s->s_size)
				return (p);
		}
	}
	return (NULL);
}

/* Bug: an empty slot is handed back as NULL with its mutex held. */
static void *slot_get_bug(int i, size_t size)
{
	struct slot *s = &slots[i];
	void *p;

	mutex_enter(&s->s_busy);
	p = s->s_mem;
	if (p == NULL)
		return (NULL); /* expect: inconsistent-return */
	if (s->s_size < size) {
		mutex_exit(&s->s_busy);
		return (NULL);
	}
	return (p);
}

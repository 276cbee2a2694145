/* Insert-or-find: the function hands back a locked object, either the one it inserted or
 * the one already there.  Each return holds the lock of the object it returns. */
struct buf { kmutex_t b_mtx; int b_id; int b_state; };
struct buf *buf_alloc(int id);
void buf_free(struct buf *b);

/* Returns NULL with b locked (inserted), or the existing entry locked. */
static struct buf *hash_insert(struct buf *b)
{
	struct buf *o, *next;

	for (o = hash_first(b->b_id); o != NULL; o = next) {
		next = o->b_next;
		if (o->b_id == b->b_id) {
			mutex_enter(&o->b_mtx);
			return (o);
		}
	}
	mutex_enter(&b->b_mtx);
	return (NULL);
}

/* Correct: whichever object comes back, it comes back locked. */
struct buf *buf_create(int id)
{
	struct buf *b = buf_alloc(id), *old;

	if ((old = hash_insert(b)) != NULL) {
		buf_free(b);
		return (old);
	}
	b->b_state = 1;
	return (b);
}

/* Bug: the existing entry is handed back unlocked, the new one locked. */
struct buf *buf_create_bug(int id)
{
	struct buf *b = buf_alloc(id), *old;

	if ((old = hash_insert(b)) != NULL) {
		mutex_exit(&old->b_mtx);
		buf_free(b);
		return (old);
	}
	b->b_state = 1;
	return (b); /* expect: inconsistent-return */
}

/* Correct: a bonus buffer (the caller's `id == BONUS_ID`) comes back bare; every other
 * buffer comes back locked, inserted or found. */
struct buf *buf_create_kind(int id)
{
	struct buf *b = buf_alloc(id), *old;

	if (id == BONUS_ID)
		return (b);
	if ((old = hash_insert(b)) != NULL) {
		buf_free(b);
		return (old);
	}
	b->b_state = 1;
	return (b);
}

/* Bug: the same, but a buffer in state 2 comes back bare too, and the caller cannot ask.
 * Both ways of handing back a buffer are reported: each is wrong against the other. */
struct buf *buf_create_kind_bug(int id)
{
	struct buf *b = buf_alloc(id), *old;

	if (id == BONUS_ID)
		return (b);
	if ((old = hash_insert(b)) != NULL) {
		buf_free(b);
		return (old); /* expect: inconsistent-return */
	}
	if (b->b_state == 2) {
		mutex_exit(&b->b_mtx);
		return (b);
	}
	b->b_state = 1;
	return (b); /* expect: inconsistent-return */
}

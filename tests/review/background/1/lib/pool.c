/* A buffer pool: get/put count references, they are not a lock. */
struct buf *buf_get(struct pool *p)
{
	p->refs++;
	return p->free;
}

void buf_put(struct pool *p, struct buf *b)
{
	p->refs--;
	b->next = p->free;
	p->free = b;
}

#include "arena.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK = 64 * 1024 };

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, off;
	_Alignas(16) unsigned char data[];
};

static struct arena_chunk *chunk_new(size_t need, size_t chunk, struct arena_chunk *next)
{
	size_t base = chunk ? chunk : ARENA_CHUNK;
	size_t size = need > base ? need : base;
	struct arena_chunk *c = xmalloc(sizeof(*c) + size);
	c->next = next;
	c->size = size;
	c->off = 0;
	return c;
}

/* A spare chunk with room for need bytes, unlinked from the spare list; NULL if none. */
static struct arena_chunk *take_spare(struct arena *a, size_t need)
{
	for (struct arena_chunk **p = &a->spare; *p; p = &(*p)->next)
		if ((*p)->size >= need) {
			struct arena_chunk *c = *p;
			*p = c->next;
			a->spare_bytes -= c->size;
			c->off = 0;
			return c;
		}
	return NULL;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->head->size - a->head->off < n) {
		struct arena_chunk *c = take_spare(a, n);
		if (c) {
			c->next = a->head;
			a->head = c;
		} else {
			a->head = chunk_new(n, a->chunk, a->head);
		}
	}
	void *p = a->head->data + a->head->off;
	a->head->off += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	CHECK(n >= 0);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	if (!c)
		return;
	/* Keep the oldest chunk: the next function will most likely fit in it again; the
	 * others wait on the spare list for the next big one. */
	while (c->next) {
		struct arena_chunk *next = c->next;
		if (a->spare_bytes + c->size <= ARENA_SPARE_MAX) {
			c->next = a->spare;
			a->spare = c;
			a->spare_bytes += c->size;
		} else {
			free(c);
		}
		c = next;
	}
	c->off = 0;
	a->head = c;
	a->used = 0;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	for (c = a->spare; c;) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = a->spare = NULL;
	a->used = a->spare_bytes = 0;
}

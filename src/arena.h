/* arena: bump allocation by lifetime (run, file, function).
 * Takes: requests for memory.  Gives: pointers valid until arena_reset/arena_release.
 * Owns: its chunks; stage code never frees what it got from an arena. */
#ifndef LOCKAUDIT_ARENA_H
#define LOCKAUDIT_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* newest chunk first */
	size_t used;			/* bytes handed out since the last reset, for --stats */
	size_t chunk;			/* chunk size; 0: 64 KiB (set small for the many per-file arenas) */
	struct arena_chunk *spare;	/* chunks a reset gave back, reused before new ones: a
					 * scratch arena reset per function would otherwise hand
					 * its memory to malloc and fault it in again */
	size_t spare_bytes;
};

void *arena_alloc(struct arena *a, size_t n);	/* zeroed, 16-byte aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *arena_memdup(struct arena *a, const void *p, size_t n);
void arena_reset(struct arena *a);	/* keeps its chunks (up to ARENA_SPARE_MAX) for reuse */
void arena_release(struct arena *a);

/* Budget: bytes of chunks an arena keeps across resets. */
#define ARENA_SPARE_MAX ((size_t)64 << 20)

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif

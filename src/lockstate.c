#include "lockstate.h"
#include "util.h"

#include <string.h>

/* Makes room for one more element in an array of n with room for *cap. */
static void *grow(struct arena *a, void *v, uint16_t n, uint16_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	uint16_t c = (uint16_t)(*cap ? 2 * *cap : 4);
	void *w = arena_alloc(a, c * size);
	if (n)
		memcpy(w, v, n * size);
	*cap = c;
	return w;
}

struct lstate *lstate_new(struct arena *a)
{
	return ARENA_NEW(a, struct lstate);
}

struct lstate *lstate_copy(struct arena *a, const struct lstate *s)
{
	struct lstate *c = ARENA_NEW(a, struct lstate);
	*c = *s;
	/* One spare slot each, so the common single insertion does not copy again. */
	c->lcap = (uint16_t)(s->nlocks + 1);
	c->fcap = (uint16_t)(s->nfacts + 1);
	c->ccap = (uint16_t)(s->nconds + 1);
	c->locks = ARENA_ARRAY(a, struct lockent, c->lcap);
	c->facts = ARENA_ARRAY(a, struct fact, c->fcap);
	c->conds = ARENA_ARRAY(a, struct pathcond, c->ccap);
	if (s->nlocks)
		memcpy(c->locks, s->locks, s->nlocks * sizeof(*c->locks));
	if (s->nfacts)
		memcpy(c->facts, s->facts, s->nfacts * sizeof(*c->facts));
	if (s->nconds)
		memcpy(c->conds, s->conds, s->nconds * sizeof(*c->conds));
	return c;
}


const struct lockent *lstate_lock(const struct lstate *s, const char *key)
{
	for (uint16_t i = 0; i < s->nlocks; i++)
		if (s->locks[i].key == key)
			return &s->locks[i];
	return NULL;
}

struct lockent *lstate_lock_mut(struct arena *a, struct lstate *s, const char *key)
{
	uint16_t i = 0;
	while (i < s->nlocks && (uintptr_t)s->locks[i].key < (uintptr_t)key)
		i++;
	if (i < s->nlocks && s->locks[i].key == key)
		return &s->locks[i];
	s->locks = grow(a, s->locks, s->nlocks, &s->lcap, sizeof(*s->locks));
	memmove(&s->locks[i + 1], &s->locks[i], (s->nlocks - i) * sizeof(*s->locks));
	s->locks[i] = (struct lockent){.key = key};
	s->nlocks++;
	return &s->locks[i];
}

bool lstate_rekey(struct arena *a, struct lstate *s, const char *from, const char *to)
{
	uint16_t i = 0;
	while (i < s->nlocks && s->locks[i].key != from)
		i++;
	if (i == s->nlocks || lstate_lock(s, to))
		return false;
	struct lockent moved = s->locks[i];
	memmove(&s->locks[i], &s->locks[i + 1], (size_t)(s->nlocks - i - 1) * sizeof(*s->locks));
	s->nlocks--;
	moved.key = to;
	*lstate_lock_mut(a, s, to) = moved;
	return true;
}

uint8_t lstate_fact(const struct lstate *s, const char *key)
{
	uint16_t lo = 0, hi = s->nfacts;	/* sorted by key pointer (lstate_set_fact) */
	while (lo < hi) {
		uint16_t mid = (uint16_t)((lo + hi) / 2);
		if ((uintptr_t)s->facts[mid].key < (uintptr_t)key)
			lo = (uint16_t)(mid + 1);
		else
			hi = mid;
	}
	return lo < s->nfacts && s->facts[lo].key == key ? s->facts[lo].bits : VB_ANY;
}

int lstate_cond(const struct lstate *s, const char *test_key)
{
	for (uint16_t i = s->nconds; i-- > 0;)
		if (s->conds[i].blk->test.key == test_key)
			return s->conds[i].value;
	return -1;
}

int lstate_facts_shared(const struct lstate *a, const struct lstate *b)
{
	int n = 0;
	for (uint16_t i = 0, k = 0; i < a->nfacts && k < b->nfacts;) {
		uintptr_t x = (uintptr_t)a->facts[i].key, y = (uintptr_t)b->facts[k].key;
		if (x == y)
			n += a->facts[i++].bits == b->facts[k++].bits;
		else if (x < y)
			i++;
		else
			k++;
	}
	return n;
}

void lstate_set_fact(struct arena *a, struct lstate *s, const char *key, uint8_t bits)
{
	uint16_t i = 0;
	while (i < s->nfacts && (uintptr_t)s->facts[i].key < (uintptr_t)key)
		i++;
	if (i < s->nfacts && s->facts[i].key == key) {
		s->facts[i].bits = bits;
		return;
	}
	s->facts = grow(a, s->facts, s->nfacts, &s->fcap, sizeof(*s->facts));
	memmove(&s->facts[i + 1], &s->facts[i], (s->nfacts - i) * sizeof(*s->facts));
	s->facts[i] = (struct fact){key, bits};
	s->nfacts++;
}

/* A field of the same name is not the variable: `dspp->dp` does not mention the local
 * `dp`, so writing `dp` does not move the lock `dspp->dp` names. */
static bool mentions(const char *key, const char *var)
{
	size_t n = strlen(var);
	for (const char *p = strstr(key, var); p; p = strstr(p + 1, var)) {
		bool field = p > key && (p[-1] == '.' || (p[-1] == '>' && p - 1 > key && p[-2] == '-'));
		if ((p == key || (!is_ident_char((unsigned char)p[-1]) && !field)) && !is_ident_char((unsigned char)p[n]))
			return true;
	}
	return false;
}

bool lstate_key_mentions(const char *key, const char *var)
{
	return mentions(key, var);
}

void lstate_kill(struct lstate *s, const char *var)
{
	uint16_t k = 0;
	for (uint16_t i = 0; i < s->nfacts; i++)
		if (s->facts[i].key != var && !mentions(s->facts[i].key, var))
			s->facts[k++] = s->facts[i];
	s->nfacts = k;
}

void lstate_kill_pointee(struct lstate *s, const char *var)
{
	size_t n = strlen(var);
	uint16_t k = 0;
	for (uint16_t i = 0; i < s->nfacts; i++) {
		const char *key = s->facts[i].key;
		bool through = false;
		for (const char *p = strstr(key, var); p && !through; p = strstr(p + 1, var))
			through = (p == key || !is_ident_char((unsigned char)p[-1])) && p[n] == '-' && p[n + 1] == '>';
		if (!through)
			s->facts[k++] = s->facts[i];
	}
	s->nfacts = k;
}

/* Whether var's mention at p (of length n) reaches through a member pointer: `.a.b->`. */
static bool through_member_pointer(const char *p, size_t n)
{
	const char *q = p + n;
	if (*q != '.')
		return false;
	while (*q == '.') {
		q++;
		while (is_ident_char((unsigned char)*q))
			q++;
	}
	return q[0] == '-' && q[1] == '>';
}

/* The struct whose address a call gets may have its members written (an output struct,
 * a state field), but the objects its pointer members lead to are the callee's to change
 * only as much as any object behind a pointer argument is, and facts about those are kept
 * across calls (`if (ctx.mod->needs_lock) lock(); ctx.mod->eval(&ctx); if
 * (ctx.mod->needs_lock) unlock();`). */
void lstate_kill_written(struct lstate *s, const char *var)
{
	size_t n = strlen(var);
	uint16_t k = 0;
	for (uint16_t i = 0; i < s->nfacts; i++) {
		const char *key = s->facts[i].key;
		bool written = key == var;
		for (const char *p = strstr(key, var); p && !written; p = strstr(p + 1, var)) {
			bool field = p > key && (p[-1] == '.' || (p[-1] == '>' && p - 1 > key && p[-2] == '-'));
			written = (p == key || (!is_ident_char((unsigned char)p[-1]) && !field)) &&
				  !is_ident_char((unsigned char)p[n]) && !through_member_pointer(p, n);
		}
		if (!written)
			s->facts[k++] = s->facts[i];
	}
	s->nfacts = k;
}

void lstate_forget_locks(struct lstate *s, const char *var)
{
	for (uint16_t i = 0; i < s->nlocks; i++)
		if (mentions(s->locks[i].key, var))
			s->locks[i] = (struct lockent){.key = s->locks[i].key, .flags = LS_FORGOTTEN};
}

void lstate_add_cond(struct arena *a, struct lstate *s, const struct block *blk, bool value)
{
	if (s->nconds == LOCKSTATE_MAX_CONDS) {	/* keep the latest: they explain the exit best */
		memmove(s->conds, s->conds + 1, (s->nconds - 1) * sizeof(*s->conds));
		s->nconds--;
	}
	s->conds = grow(a, s->conds, s->nconds, &s->ccap, sizeof(*s->conds));
	s->conds[s->nconds++] = (struct pathcond){blk, value};
}

/* Entries with count 0 are "not held", the same as absent: only held or owed locks count. */
bool lstate_same_locks(const struct lstate *a, const struct lstate *b)
{
	uint16_t i = 0, k = 0;
	for (;;) {
		/* a way where a try failed stays apart from one that never tried: a release
		 * means something else on each */
		while (i < a->nlocks && a->locks[i].count == 0 && !(a->locks[i].flags & (LS_NOT_TAKEN | LS_TRY_FAILED)))
			i++;
		while (k < b->nlocks && b->locks[k].count == 0 && !(b->locks[k].flags & (LS_NOT_TAKEN | LS_TRY_FAILED)))
			k++;
		if (i == a->nlocks || k == b->nlocks)
			return i == a->nlocks && k == b->nlocks;
		const struct lockent *x = &a->locks[i++], *y = &b->locks[k++];
		if (x->key != y->key || x->count != y->count || x->mode != y->mode ||
		    (x->flags & (LS_NOT_TAKEN | LS_TRY_FAILED)) != (y->flags & (LS_NOT_TAKEN | LS_TRY_FAILED)))
			return false;
	}
}

bool lstate_same_facts(const struct lstate *a, const struct lstate *b)
{
	if (a->nfacts != b->nfacts)
		return false;
	for (uint16_t i = 0; i < a->nfacts; i++)
		if (a->facts[i].key != b->facts[i].key || a->facts[i].bits != b->facts[i].bits)
			return false;
	return true;
}

struct lstate *lstate_join(struct arena *a, const struct lstate *old, const struct lstate *add)
{
	bool changed = false;
	for (uint16_t i = 0; i < old->nfacts && !changed; i++) {
		uint8_t other = lstate_fact(add, old->facts[i].key);
		changed = (other | old->facts[i].bits) != old->facts[i].bits;
	}
	/* a branch only one of the paths took is no longer known either */
	for (uint16_t i = 0; i < old->nconds && !changed; i++) {
		uint16_t m;
		for (m = 0; m < add->nconds; m++)
			if (old->conds[i].blk == add->conds[m].blk && old->conds[i].value == add->conds[m].value)
				break;
		changed = m == add->nconds;
	}
	if (!changed)
		return NULL;
	struct lstate *j = lstate_copy(a, old);
	uint16_t k = 0;
	for (uint16_t i = 0; i < old->nfacts; i++) {
		uint8_t bits = old->facts[i].bits | lstate_fact(add, old->facts[i].key);
		if (bits != VB_ANY)
			j->facts[k++] = (struct fact){old->facts[i].key, bits};
	}
	j->nfacts = k;
	k = 0;
	for (uint16_t i = 0; i < old->nconds; i++)
		for (uint16_t m = 0; m < add->nconds; m++)
			if (old->conds[i].blk == add->conds[m].blk && old->conds[i].value == add->conds[m].value) {
				j->conds[k++] = old->conds[i];
				break;
			}
	j->nconds = k;
	return j;
}

int lstate_truth(const struct lstate *s, const char *key)
{
	int got = lstate_cond(s, key);
	if (got >= 0)
		return got;
	uint8_t f = lstate_fact(s, key);
	return f == VB_ZERO ? 0 : f && !(f & VB_ZERO) ? 1 : -1;
}

const char *lstate_known_key(const struct lstate *s, uint16_t k)
{
	return k < s->nconds ? s->conds[k].blk->test.key : s->facts[k - s->nconds].key;
}

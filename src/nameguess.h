/* nameguess: x_lock/x_unlock, x_enter/x_exit, x_acquire/x_release, x_get/x_put, LOCK_X/UNLOCK_X
 * pairs among the calls of one file, for callees the run cannot see (--no-guess turns it
 * off).  Used by cfgbuild.c on each call it builds. */
#ifndef LOCKAUDIT_NAMEGUESS_H
#define LOCKAUDIT_NAMEGUESS_H

#include "cfg.h"
#include "lockapi.h"
#include "util.h"

/* A call of `name` (a field name with `object` for `hw->phy.ops.acquire(hw)`) whose pair
 * this file also calls: sets e->guess, e->guess_key and e->guess_success. */
void nameguess_pair(struct cfg *c, const struct strset *calls, const struct lockapi *api, struct event *e, const char *name,
		    const char *object);

/* Whether name has the shape of one half of a pair (x_lock, LOCK_X, x_release, ...) whose
 * other half is in calls (any, if calls is NULL): a name the heuristic may take as a lock
 * (quiet.c). */
bool nameguess_could_pair(const char *name, const struct strset *calls);

#endif

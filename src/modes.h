/* modes: helpers that take or drop a lock as their caller asks (a flag, a mode argument),
 * and the count of a lock at a return.  Used by findings.c. */
#ifndef LOCKAUDIT_MODES_H
#define LOCKAUDIT_MODES_H

#include <stdbool.h>

#include "analysis.h"

/* key's count at exit x: its own entry, else the entry of the name the path knows equal
 * to its root (`a == b` taken true). */
int modes_count_at(const struct exit_state *x, const char *key);
/* `thread_lock(int acquire)`: one value of a parameter flag takes key, the other drops it. */
bool modes_toggled_by_flag(const struct analysis *res, const char *key);
/* `set_paused(enum mode)`: cases of a parameter's value take key, others drop it. */
bool modes_dispatched_by_param(const struct analysis *res, const char *key);

#endif

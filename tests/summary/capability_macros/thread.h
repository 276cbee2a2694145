/* A lock API declared with those macros; the bodies are generated elsewhere. */
#include "compiler.h"

struct my_mutex { int owner; };
struct table { struct my_mutex mutex; int n; };

void my_mutex_lock_at(const struct my_mutex *m, const char *where) MY_ACQUIRES(m);
#define my_mutex_lock(m) my_mutex_lock_at(m, __FILE__)
int my_mutex_trylock_at(const struct my_mutex *m, const char *where) MY_TRY_LOCK(0, m);
#define my_mutex_trylock(m) my_mutex_trylock_at(m, __FILE__)
void my_mutex_unlock(const struct my_mutex *m) MY_RELEASES(m);
void table_flush(struct table *t) MY_EXCLUDED(t->mutex);

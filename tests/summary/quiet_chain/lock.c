/* A chain of wrappers four calls deep: the lexical closure that lets round 0 skip the
 * functions that cannot touch a lock follows only two levels of callers, so the users
 * below are skipped at first and read again once the chain's summaries arrive. */
#include <pthread.h>

struct obj {
	pthread_mutex_t m;
	int bad;
};

void obj_lock(struct obj *o)
{
	pthread_mutex_lock(&o->m);
}

void obj_unlock(struct obj *o)
{
	pthread_mutex_unlock(&o->m);
}

#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int ready(void);

int get_work(void)
{
	pthread_mutex_lock(&m);
	while (B_TRUE) {
		if (ready()) {
			pthread_mutex_unlock(&m);
			return (1);
		}
	}
}

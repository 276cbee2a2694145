/* Fixture for tests/output/check.sh: one function per finding kind that the JSON and SARIF
 * checks compare with the text output, and one correct function. */
#include <pthread.h>

static spinlock_t l;
static pthread_mutex_t m;

void leak(int x)
{
	spin_lock(&l);
	if (x)
		return;
	spin_unlock(&l);
}

void twice(void)
{
	spin_lock(&l);
	spin_unlock(&l);
	spin_unlock(&l);
}

void again(void)
{
	pthread_mutex_lock(&m);
	pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
}

void first_n(int n)
{
	for (int i = 0; i < n; i++) {
		spin_lock(&l);
		if (i == 3)
			break;
		spin_unlock(&l);
	}
}

/* Quotes, backslashes, a tab escape and non-ASCII text in the lock expression: the JSON
 * strings must escape them and still say the same as the text output. */
void escaped(int x)
{
	spin_lock(lookup("a\"b\\c\td", "café"));
	if (x)
		return;
	spin_unlock(lookup("a\"b\\c\td", "café"));
}

int fine(int x)
{
	spin_lock(&l);
	x++;
	spin_unlock(&l);
	return x;
}

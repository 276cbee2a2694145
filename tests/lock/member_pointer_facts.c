/* A context struct passed by address to a callback (often through its own operations
 * table): the callee may write the struct's members, but a test of an object one of its
 * pointer members leads to (`ctx.mod->needs_lock`) decides the same way before and after
 * the call, as the code that takes the lock on one side and drops it on the other relies on. */

struct module {
	int needs_lock;
	void (*eval)(void *ctx, int i);
};

struct crawl_ctx {
	struct module *mod;
	int locked;
	int done;
};

static struct crawl_ctx active;
static pthread_mutex_t class_locks[16];

/* Correct: unlocked before the call or after it, by the same test. */
void crawl_ok(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_mutex_lock(&class_locks[i]);
		if (!active.mod->needs_lock)
			pthread_mutex_unlock(&class_locks[i]);
		active.mod->eval(&active, i);
		if (active.mod->needs_lock)
			pthread_mutex_unlock(&class_locks[i]);
	}
}

/* Bug: the second test is the first one's negation, so one way never unlocks and the
 * other unlocks twice. */
void crawl_bug(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_mutex_lock(&class_locks[i]); /* expect: held-across-iteration */
		if (!active.mod->needs_lock)
			pthread_mutex_unlock(&class_locks[i]);
		active.mod->eval(&active, i);
		if (!active.mod->needs_lock)
			pthread_mutex_unlock(&class_locks[i]); /* expect: double-release */
	}
}

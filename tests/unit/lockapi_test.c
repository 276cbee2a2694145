/* lockapi_test: lookups in the built-in profiles, profile selection, config
 * files and --dump=primitives output. */
#include "lockapi.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	int checks, failed;
};

/* Not util.h's CHECK (that one aborts): a failed test is reported and counted. */
#define EXPECT(c, expr) expect((c), (expr), __FILE__, __LINE__, #expr)

static bool expect(struct counts *c, bool ok, const char *file, int line, const char *what)
{
	c->checks++;
	if (!ok) {
		c->failed++;
		fprintf(stderr, "%s:%d: failed: %s\n", file, line, what);
	}
	return ok;
}

static bool is_row(const struct lockprim *r, enum lock_effect e, int arg, enum lock_mode m,
		   enum try_success s, unsigned flags, const char *cls)
{
	return r && r->effect == e && r->arg == arg && r->mode == m && r->success == s &&
	       r->flags == flags && strcmp(r->cls, cls) == 0;
}

static void test_builtin_lookups(struct counts *c)
{
	char err[256] = "";
	struct lockapi *api = lockapi_new(NULL, err, sizeof(err));

	if (!EXPECT(c, api != NULL))
		return;
	EXPECT(c, is_row(lockapi_call(api, "spin_lock"), LE_ACQUIRE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "spinlock"));
	EXPECT(c, is_row(lockapi_call(api, "spin_unlock_irqrestore"), LE_RELEASE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "spinlock"));
	EXPECT(c, is_row(lockapi_call(api, "mutex_lock_interruptible"), LE_TRY, 0, LM_EXCLUSIVE, TS_ZERO, 0, "mutex"));
	EXPECT(c, is_row(lockapi_call(api, "mutex_trylock"), LE_TRY, 0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex"));
	EXPECT(c, is_row(lockapi_call(api, "rcu_read_lock"), LE_ACQUIRE, LOCKPRIM_NO_ARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu"));
	EXPECT(c, is_row(lockapi_call(api, "downgrade_write"), LE_DOWNGRADE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "rwsem"));
	EXPECT(c, is_row(lockapi_call(api, "bit_spin_lock"), LE_ACQUIRE, 1, LM_EXCLUSIVE, TS_ALWAYS, 0, "bit_spinlock"));
	EXPECT(c, is_row(lockapi_call(api, "atomic_dec_and_lock"), LE_TRY, 1, LM_EXCLUSIVE, TS_NONZERO, 0, "spinlock"));
	EXPECT(c, is_row(lockapi_call(api, "pthread_mutex_trylock"), LE_TRY, 0, LM_EXCLUSIVE, TS_ZERO, 0, "pthread_mutex"));
	EXPECT(c, is_row(lockapi_call(api, "pthread_rwlock_unlock"), LE_RELEASE, 0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "pthread_rwlock"));
	EXPECT(c, is_row(lockapi_call(api, "rte_spinlock_trylock"), LE_TRY, 0, LM_EXCLUSIVE, TS_NONZERO, 0, "rte_spinlock"));
	EXPECT(c, is_row(lockapi_call(api, "rte_rwlock_read_trylock"), LE_TRY, 0, LM_SHARED, TS_ZERO, 0, "rte_rwlock"));
	EXPECT(c, is_row(lockapi_call(api, "mutex_tryenter"), LE_TRY, 0, LM_EXCLUSIVE, TS_NONZERO, 0, "kmutex"));
	EXPECT(c, is_row(lockapi_call(api, "rw_enter"), LE_ACQUIRE, 0, LM_EXCLUSIVE, TS_ALWAYS, LP_ANY_MODE, "krwlock"));

	/* guard classes are a namespace of their own */
	EXPECT(c, is_row(lockapi_guard(api, "mutex"), LE_GUARD, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mutex"));
	EXPECT(c, is_row(lockapi_guard(api, "mutex_intr"), LE_GUARD, 0, LM_EXCLUSIVE, TS_NONZERO, 0, "mutex"));
	EXPECT(c, is_row(lockapi_guard(api, "rcu"), LE_GUARD, LOCKPRIM_NO_ARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "rcu"));
	EXPECT(c, lockapi_call(api, "mutex") == NULL);
	EXPECT(c, lockapi_guard(api, "spin_lock") == NULL);
	EXPECT(c, is_row(lockapi_call(api, "task_lock"), LE_ACQUIRE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "task_lock"));
	EXPECT(c, is_row(lockapi_guard(api, "task_lock"), LE_GUARD, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "task_lock"));

	static const char *const noreturns[] = { "BUG", "panic", "abort", "exit", "rte_panic", "PANIC" };
	for (size_t i = 0; i < countof(noreturns); i++) {
		const struct lockprim *r = lockapi_call(api, noreturns[i]);
		EXPECT(c, r && r->effect == LE_NORETURN);
	}
	/* BUG_ON(x) returns when x is false: an assert row, not a noreturn one. */
	const struct lockprim *bug_on = lockapi_call(api, "BUG_ON");
	EXPECT(c, bug_on && bug_on->effect == LE_ASSERT && bug_on->success == TS_ZERO && bug_on->arg == 0);
	const struct lockprim *as = lockapi_call(api, "assert");
	EXPECT(c, as && as->effect == LE_ASSERT && as->success == TS_NONZERO);
	EXPECT(c, lockapi_call(api, "cv_wait") == NULL);
	EXPECT(c, lockapi_call(api, "no_such_function") == NULL);
	lockapi_free(api);
}

static void test_profile_selection(struct counts *c)
{
	char err[256] = "";
	struct lockapi *api = lockapi_new("linux,nope", err, sizeof(err));

	EXPECT(c, api == NULL);
	EXPECT(c, strcmp(err, "unknown profile 'nope' (known: linux, pthread, dpdk, zfs, postgres)") == 0);
	EXPECT(c, lockapi_new("", err, sizeof(err)) == NULL);
	EXPECT(c, lockapi_new("linux,", err, sizeof(err)) == NULL);

	api = lockapi_new("pthread", err, sizeof(err));
	if (EXPECT(c, api != NULL)) {
		EXPECT(c, lockapi_call(api, "spin_lock") == NULL);
		EXPECT(c, lockapi_guard(api, "mutex") == NULL);
		EXPECT(c, lockapi_call(api, "pthread_mutex_lock") != NULL);
		EXPECT(c, lockapi_count(api) == profile_pthread.nrows);
		lockapi_free(api);
	}

	api = lockapi_new(" dpdk , zfs ", err, sizeof(err));
	if (EXPECT(c, api != NULL)) {
		EXPECT(c, lockapi_call(api, "rte_mcslock_lock") != NULL);
		EXPECT(c, lockapi_call(api, "mutex_enter") != NULL);
		EXPECT(c, lockapi_call(api, "pthread_mutex_lock") == NULL);
		lockapi_free(api);
	}
}

/* The data itself: each profile names a row once per namespace, try rows say
 * what success looks like, other rows do not, and where two profiles share a
 * name (panic, the compiler builtins) they say the same thing. */
static const struct profile *const all_profiles[] = {
	&profile_linux, &profile_pthread, &profile_dpdk, &profile_zfs,
};

static bool row_sane(const struct lockprim *r)
{
	bool conditional = r->effect == LE_TRY || r->effect == LE_GUARD || r->effect == LE_ASSERT;
	bool lockless = r->effect == LE_NORETURN || r->effect == LE_ASSERT || r->effect == LE_SELF_TAG;

	return r->name && r->cls && r->effect <= LE_SELF_TAG && r->arg >= LOCKPRIM_NO_ARG &&
	       (!r->owner_arg || (int)r->owner_arg - 1 != r->arg) &&
	       (conditional || r->success == TS_ALWAYS) &&
	       (r->effect != LE_TRY || r->success != TS_ALWAYS) &&
	       (r->effect != LE_ASSERT || (r->success != TS_ALWAYS && r->arg >= 0)) &&
	       (lockless || r->cls[0]);
}

static bool same_row(const struct lockprim *a, const struct lockprim *b)
{
	return a->effect == b->effect && a->arg == b->arg && a->mode == b->mode &&
	       a->success == b->success && a->flags == b->flags && strcmp(a->cls, b->cls) == 0;
}

static void check_pair(struct counts *c, const struct profile *p, size_t i, const struct profile *q, size_t j)
{
	const struct lockprim *a = &p->rows[i], *b = &q->rows[j];

	if ((a->effect == LE_GUARD) != (b->effect == LE_GUARD) || strcmp(a->name, b->name))
		return;
	if (p == q && i == j)
		return;
	bool twice = p == q, disagree = p != q && !same_row(a, b);
	if (!EXPECT(c, !twice && !disagree))
		fprintf(stderr, "  %s: %s (%s, %s)\n", a->name,
			twice ? "listed twice" : "profiles disagree", p->name, q->name);
}

static void test_profile_data(struct counts *c)
{
	for (size_t pi = 0; pi < countof(all_profiles); pi++) {
		const struct profile *p = all_profiles[pi];
		for (size_t i = 0; i < p->nrows; i++) {
			if (!EXPECT(c, row_sane(&p->rows[i])))
				fprintf(stderr, "  row %s in %s\n", p->rows[i].name, p->name);
			for (size_t qi = pi; qi < countof(all_profiles); qi++) {
				const struct profile *q = all_profiles[qi];
				for (size_t j = qi == pi ? i : 0; j < q->nrows; j++)
					check_pair(c, p, i, q, j);
			}
		}
	}
}

/* Writes text to a fresh temp file; the caller unlinks path. */
static bool write_temp(char *path, const char *text)
{
	strcpy(path, "/tmp/lockapi_test.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return false;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return false;
	}
	fputs(text, f);
	return fclose(f) == 0;
}

static void test_config(struct counts *c)
{
	char path[64], err[512] = "";
	struct lockapi *api = lockapi_new("linux", err, sizeof(err));

	if (!EXPECT(c, api != NULL))
		return;
	size_t before = lockapi_count(api);
	if (!EXPECT(c, write_temp(path, "# my locks\n\n"
				  "acquire my_lock 0 class=mine\n"
				  "release my_unlock 0 class=mine   # trailing comment\n"
				  "try my_trylock 0 success=zero\n"
				  "acquire my_global_lock - shared nests\r\n"
				  "release my_global_unlock - shared nests\n"
				  "guard mine_try 1 success=nonzero\n"
				  "acquire spin_lock 2 class=override\n"
				  "noreturn my_die\n"
				  "noreturn my_report 0 also=MY_ERROR|MY_FATAL\n"
				  "acquire my_hold 0 owner=1\n"
				  "selftag MY_TAG\n"
				  "release my_put_locked 0 field=my_mtx\n"
				  "try my_robust_lock 0 success=zero also=EOWNERDEAD\n")))
		goto out;
	EXPECT(c, lockapi_load_config(api, path, err, sizeof(err)));
	unlink(path);
	EXPECT(c, is_row(lockapi_call(api, "my_lock"), LE_ACQUIRE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mine"));
	EXPECT(c, is_row(lockapi_call(api, "my_unlock"), LE_RELEASE, 0, LM_EXCLUSIVE, TS_ALWAYS, 0, "mine"));
	EXPECT(c, is_row(lockapi_call(api, "my_trylock"), LE_TRY, 0, LM_EXCLUSIVE, TS_ZERO, 0, "my"));
	/* the default class is the name's stem, so a global pair shares its key */
	EXPECT(c, is_row(lockapi_call(api, "my_global_lock"), LE_ACQUIRE, LOCKPRIM_NO_ARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "my_global"));
	EXPECT(c, is_row(lockapi_call(api, "my_global_unlock"), LE_RELEASE, LOCKPRIM_NO_ARG, LM_SHARED, TS_ALWAYS, LP_NESTS, "my_global"));
	EXPECT(c, is_row(lockapi_guard(api, "mine_try"), LE_GUARD, 1, LM_EXCLUSIVE, TS_NONZERO, 0, "mine_try"));
	EXPECT(c, lockapi_call(api, "mine_try") == NULL);
	EXPECT(c, is_row(lockapi_call(api, "spin_lock"), LE_ACQUIRE, 2, LM_EXCLUSIVE, TS_ALWAYS, 0, "override"));
	EXPECT(c, lockapi_call(api, "my_die") && lockapi_call(api, "my_die")->effect == LE_NORETURN);
	/* ends the path only for those levels */
	const struct lockprim *rep = lockapi_call(api, "my_report");
	EXPECT(c, rep && rep->effect == LE_NORETURN && rep->arg == 0 && rep->also && strcmp(rep->also, "MY_ERROR|MY_FATAL") == 0);
	/* a hold owned by whoever argument 1 names; MY_TAG names the calling function */
	EXPECT(c, lockapi_call(api, "my_hold") && lockapi_call(api, "my_hold")->owner_arg == 2);
	EXPECT(c, lockapi_self_tag(api, "MY_TAG") && lockapi_call(api, "MY_TAG") == NULL);
	EXPECT(c, !lockapi_self_tag(api, "my_hold"));
	/* the lock is a field of the object the argument points to */
	EXPECT(c, lockapi_call(api, "my_put_locked") && strcmp(lockapi_call(api, "my_put_locked")->field, "my_mtx") == 0);
	EXPECT(c, lockapi_call(api, "my_lock") && lockapi_call(api, "my_lock")->field == NULL);
	/* a constant that also means the try took the lock */
	EXPECT(c, lockapi_call(api, "my_robust_lock") && strcmp(lockapi_call(api, "my_robust_lock")->also, "EOWNERDEAD") == 0);
	EXPECT(c, lockapi_count(api) == before + 12);	/* spin_lock replaced, not added */
out:
	lockapi_free(api);
}

/* A bad line fails the whole file with path:line: and adds nothing. */
static void expect_config_error(struct counts *c, const char *text, int line, const char *msg)
{
	char path[64], err[512] = "", want[128];
	struct lockapi *api = lockapi_new("pthread", err, sizeof(err));

	if (!EXPECT(c, api != NULL))
		return;
	size_t before = lockapi_count(api);
	if (EXPECT(c, write_temp(path, text))) {
		EXPECT(c, !lockapi_load_config(api, path, err, sizeof(err)));
		unlink(path);
		snprintf(want, sizeof(want), "%s:%d: ", path, line);
		if (!EXPECT(c, strncmp(err, want, strlen(want)) == 0 && strstr(err, msg)))
			fprintf(stderr, "  got: %s\n", err);
		EXPECT(c, lockapi_count(api) == before);
		EXPECT(c, lockapi_call(api, "good_lock") == NULL);
	}
	lockapi_free(api);
}

static void test_config_errors(struct counts *c)
{
	char err[512] = "";
	struct lockapi *api = lockapi_new("pthread", err, sizeof(err));

	expect_config_error(c, "acquire good_lock 0\nbogus x 0\n", 2, "unknown directive 'bogus'");
	expect_config_error(c, "acquire good_lock 0\n\n# c\ntry t 0\n", 4, "success=");
	expect_config_error(c, "acquire x\n", 1, "needs a NAME and an ARG");
	expect_config_error(c, "acquire x y\n", 1, "bad argument 'y'");
	expect_config_error(c, "acquire x 200\n", 1, "bad argument");
	expect_config_error(c, "acquire x 0 shared exclusive\n", 1, "conflicts");
	expect_config_error(c, "acquire x 0 success=zero\n", 1, "does not apply to acquire");
	expect_config_error(c, "downgrade x 0 shared\n", 1, "does not apply to downgrade");
	expect_config_error(c, "acquire x 0 wobbly\n", 1, "unknown option 'wobbly'");
	expect_config_error(c, "acquire 9x 0\n", 1, "bad name");
	expect_config_error(c, "acquire x 0 class=\n", 1, "bad class");
	expect_config_error(c, "noreturn die now\n", 1, "bad argument 'now'");
	expect_config_error(c, "noreturn die 0\n", 1, "needs also=CONST");
	expect_config_error(c, "noreturn die 0 also=A||B\n", 1, "bad also");
	expect_config_error(c, "acquire x 0 owner=-\n", 1, "bad owner");
	expect_config_error(c, "release x 0 owner=1 owner=2\n", 1, "conflicts");
	expect_config_error(c, "downgrade x 0 owner=1\n", 1, "does not apply to downgrade");
	expect_config_error(c, "selftag T 1\n", 1, "takes only a NAME");
	expect_config_error(c, "release x 0 field=a->b\n", 1, "bad field");
	expect_config_error(c, "try x 0 success=zero also=-1\n", 1, "bad also");
	expect_config_error(c, "release x 0 also=E\n", 1, "does not apply to release");
	expect_config_error(c, "downgrade x 0 field=f\n", 1, "does not apply to downgrade");

	if (EXPECT(c, api != NULL)) {
		EXPECT(c, !lockapi_load_config(api, "/nonexistent/lockaudit.conf", err, sizeof(err)));
		EXPECT(c, strstr(err, "/nonexistent/lockaudit.conf: ") == err);
		lockapi_free(api);
	}
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Each line's name (the word after "guard " for guard lines) is >= the last one. */
static bool lines_sorted(const char *s)
{
	char prev[128] = "", cur[128];

	for (const char *line = s; *line; line = strchr(line, '\n') + 1) {
		const char *name = strncmp(line, "guard ", 6) ? line : line + 6;
		snprintf(cur, sizeof(cur), "%.*s", (int)strcspn(name, " \n"), name);
		if (strcmp(prev, cur) > 0)
			return false;
		memcpy(prev, cur, sizeof(prev));
	}
	return true;
}

static void test_dump(struct counts *c)
{
	char err[256] = "", *buf = NULL;
	size_t len = 0;
	struct lockapi *api = lockapi_new(NULL, err, sizeof(err));
	FILE *out = open_memstream(&buf, &len);

	if (!EXPECT(c, api && out))
		goto out;
	lockapi_dump(api, out);
	fclose(out);
	out = NULL;
	EXPECT(c, strstr(buf, "\nspin_lock acquire arg=0 exclusive class=spinlock\n"));
	EXPECT(c, strstr(buf, "\nmutex_trylock try arg=0 exclusive success=nonzero class=mutex\n"));
	EXPECT(c, strstr(buf, "\nrcu_read_lock acquire arg=- shared class=rcu nests\n"));
	EXPECT(c, strstr(buf, "\nguard mutex arg=0 exclusive class=mutex\n"));
	EXPECT(c, strstr(buf, "\nguard mutex_try arg=0 exclusive success=nonzero class=mutex\n"));
	EXPECT(c, strstr(buf, "\npthread_rwlock_unlock release arg=0 any class=pthread_rwlock\n"));
	EXPECT(c, strstr(buf, "\nBUG noreturn\n"));
	EXPECT(c, strstr(buf, "\nBUG_ON assert arg=0 returns-when=zero\n"));
	EXPECT(c, strncmp(buf, "ASSERT assert", 13) == 0);	/* upper case sorts first */
	EXPECT(c, count_lines(buf) == lockapi_count(api));
	EXPECT(c, lines_sorted(buf));
out:
	if (out)
		fclose(out);
	free(buf);
	lockapi_free(api);
}

static void test_effect_names(struct counts *c)
{
	EXPECT(c, strcmp(lock_effect_name(LE_ACQUIRE), "acquire") == 0);
	EXPECT(c, strcmp(lock_effect_name(LE_TRY), "try") == 0);
	EXPECT(c, strcmp(lock_effect_name(LE_DOWNGRADE), "downgrade") == 0);
	EXPECT(c, strcmp(lock_effect_name(LE_NORETURN), "noreturn") == 0);
}

int main(void)
{
	struct counts c = { 0, 0 };

	test_builtin_lookups(&c);
	test_profile_selection(&c);
	test_profile_data(&c);
	test_config(&c);
	test_config_errors(&c);
	test_dump(&c);
	test_effect_names(&c);
	printf("lockapi_test: %d checks, %d failed\n", c.checks, c.failed);
	return c.failed != 0;
}

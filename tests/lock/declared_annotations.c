/* A definition without annotations of its own is held to those of its declaration earlier
 * in the file, as sparse holds it: a forward declaration that promises to release the
 * rule's lock binds the body. */

struct rule {
	pthread_rwlock_t evict;
	int n;
};

struct table {
	pthread_mutex_t mutex;
	int count;
};

static void remove_rule_ok(struct rule *rule) __releases(rule->evict);
static void remove_rule_bug(struct rule *rule) __releases(rule->evict);
static void count_ok(struct table *t) __must_hold(t->mutex);
static void count_bug(struct table *other) __must_hold(other->mutex);
static void count_renamed_ok(struct table *t) __must_hold(t->mutex);

/* Correct: drops the lock its caller took, as declared. */
static void remove_rule_ok(struct rule *rule)
{
	rule->n = 0;
	pthread_rwlock_unlock(&rule->evict);
}

/* Bug: declared as releasing the rule's lock, but never does. */
static void remove_rule_bug(struct rule *rule)
{
	rule->n = 0;
} /* expect: annotation-mismatch */

/* Correct: works under the caller's lock and leaves it held. */
static void count_ok(struct table *t)
{
	t->count++;
}

/* Bug: drops the lock the declaration says it keeps. */
static void count_bug(struct table *other)
{
	other->count++;
	pthread_mutex_unlock(&other->mutex);
} /* expect: annotation-mismatch */

/* The declaration names the parameter differently: what it says cannot be read against
 * this body, which is not held to it. */
static void count_renamed_ok(struct table *tbl)
{
	tbl->count++;
}

static void move_rule_ok(struct table *t, struct rule *rule) __must_hold(t->mutex) __releases(rule->evict);
static void move_rule_bug(struct table *t, struct rule *rule) __must_hold(t->mutex) __releases(rule->evict);

/* Correct: the definition repeats one annotation and keeps the other promise too. */
static void move_rule_ok(struct table *t, struct rule *rule) __must_hold(t->mutex)
{
	t->count--;
	pthread_rwlock_unlock(&rule->evict);
}

/* Bug: the definition repeats the annotation it keeps, not the one it breaks. */
static void move_rule_bug(struct table *t, struct rule *rule) __must_hold(t->mutex)
{
	t->count--;
} /* expect: annotation-mismatch */

/* A work list drained by a loop: each object is locked when it goes on the list, and the
 * loop that takes entries off (`while ((e = list_remove_head(&stack)) != NULL)`) unlocks
 * each through the entry.  When the list comes back empty, every lock that went on it is
 * dropped, however many entries there were. */
struct obj { kmutex_t o_lock; int o_nsub; struct obj *o_sub; };
struct entry { struct obj *e_obj; struct entry *e_parent; };
struct entry *entry_new(struct obj *o, struct entry *parent);
void entry_free(struct entry *e);
int visit(struct obj *o);
struct obj *obj_open(struct obj *parent, int i);

/* Correct: a depth-first walk over a list used as a stack; on an error the rest of the
 * stack is unlocked by the cleanup loop. */
int iterate(struct obj *first)
{
	list_t stack;
	struct entry *e;
	int err = 0;

	list_create(&stack);
	mutex_enter(&first->o_lock);
	list_insert_head(&stack, entry_new(first, NULL));
	while ((e = list_head(&stack)) != NULL) {
		struct obj *o = e->e_obj;

		if (o->o_nsub == 0) {
			err = visit(o);
			mutex_exit(&o->o_lock);
			list_remove_head(&stack);
			entry_free(e);
			if (err)
				break;
			continue;
		}
		struct obj *sub = obj_open(o, --o->o_nsub);
		if (sub == NULL) {
			err = ENOMEM;
			break;
		}
		list_insert_head(&stack, entry_new(sub, e));
		mutex_enter(&sub->o_lock);
	}
	while ((e = list_remove_head(&stack)) != NULL) {
		struct obj *o = e->e_obj;

		mutex_exit(&o->o_lock);
		entry_free(e);
	}
	list_destroy(&stack);
	return (err);
}

/* Bug: the cleanup loop unlocked the first object already. */
int iterate_bug(struct obj *first)
{
	list_t stack;
	struct entry *e;

	list_create(&stack);
	mutex_enter(&first->o_lock);
	list_insert_head(&stack, entry_new(first, NULL));
	while ((e = list_remove_head(&stack)) != NULL) {
		struct obj *o = e->e_obj;

		(void) visit(o);
		mutex_exit(&o->o_lock);
		entry_free(e);
	}
	mutex_exit(&first->o_lock); /* expect: double-release */
	list_destroy(&stack);
	return (0);
}

/* Bug: a failure before the list is drained returns with the first object locked. */
int iterate_early_bug(struct obj *first)
{
	list_t stack;
	struct entry *e;

	list_create(&stack);
	mutex_enter(&first->o_lock);
	if (first->o_nsub < 0)
		return (EINVAL); /* expect: inconsistent-return */
	list_insert_head(&stack, entry_new(first, NULL));
	while ((e = list_remove_head(&stack)) != NULL) {
		mutex_exit(&e->e_obj->o_lock);
		entry_free(e);
	}
	list_destroy(&stack);
	return (0);
}

/* Correct: a loop that locks and unlocks each parent drains nothing; the object's own
 * lock, held across it, is still held after it. */
void update_parents(struct obj *o)
{
	struct entry *it = NULL;
	struct obj *p;

	mutex_enter(&o->o_lock);
	while ((p = walk_parents(o, &it)) != NULL) {
		mutex_enter(&p->o_lock);
		p->o_nsub++;
		mutex_exit(&p->o_lock);
	}
	o->o_nsub = 0;
	mutex_exit(&o->o_lock);
}

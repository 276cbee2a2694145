/* A work stack: each object is locked when it is pushed and unlocked when it is popped,
 * through the cursor `o = it->it_obj`.  Which object a pop names the path cannot tell; it
 * is one of those the function locked, the latest first. */
struct obj { kmutex_t o_lock; int o_nsub; struct obj *o_sub; };
struct item { struct obj *it_obj; struct item *it_next; };
struct item *item_new(struct obj *o, struct item *next);
void item_free(struct item *it);
int visit(struct obj *o);

/* Correct: the initial object and every pushed one are unlocked when popped.  Known false
 * alarm: the path that leaves the loop before popping the root is not possible (item_new
 * never returns NULL), and the tool cannot count how many objects are still on the stack
 * when the loop ends, so it says the root may still be held.  Its callers are not misled:
 * the ways of a function reported this way are all taken at its call sites. */
int walk(struct obj *root)
{
	struct item *top, *it;
	int err = 0;

	mutex_enter(&root->o_lock);
	top = item_new(root, NULL);
	while ((it = top) != NULL) {
		struct obj *o = it->it_obj;

		if (o->o_nsub > 0) {
			struct obj *sub = o->o_sub;

			o->o_nsub--;
			top = item_new(sub, top);
			mutex_enter(&sub->o_lock);
			continue;
		}
		err = visit(o);
		mutex_exit(&o->o_lock);
		top = it->it_next;
		item_free(it);
	}
	return (err); /* known-fp: inconsistent-return */
}

/* Correct: walk() leaves the root unlocked, so it can be locked again. */
void walk_twice(struct obj *root)
{
	(void) walk(root);
	mutex_enter(&root->o_lock);
	root->o_nsub = 0;
	mutex_exit(&root->o_lock);
}

/* Bug: unlocks the root that walk() already unlocked. */
void walk_bug(struct obj *root)
{
	(void) walk(root);
	mutex_exit(&root->o_lock); /* expect: release-unheld */
}

void walk(obj_t *first)
{
	ent_t *e;
	mutex_enter(&first->lock);
	list_insert_head(&stack, ent(first));
	while ((e = list_head(&stack)) != NULL) {
		if (e->o->done) {
			mutex_exit(&e->o->lock);
			list_remove_head(&stack);
		} else {
			obj_t *sub = kmem_alloc(sizeof (obj_t), KM_SLEEP);
			if (obj_open(sub, e->o) != 0)
				break;
			list_insert_head(&stack, ent(sub));
			mutex_enter(&sub->lock);	/* released when popped */
		}
	}
	while ((e = list_remove_head(&stack)) != NULL)
		mutex_exit(&e->o->lock);
}

void add_all(spa_t *spa, int n)
{
	boolean_t held_a = B_FALSE, held_b = B_FALSE;
	for (int i = 0; i < n; i++) {
		if (!MUTEX_HELD(&spa->a)) {
			mutex_enter(&spa->a);
			held_a = B_TRUE;
		}
		if (!MUTEX_HELD(&spa->b)) {
			mutex_enter(&spa->b);
			held_b = B_TRUE;
		}
		record(spa, i);
		if (held_b)
			mutex_exit(&spa->b);
		if (held_a)
			mutex_exit(&spa->a);
	}
}

static void st_enter(spa_t *spa, int extra)
{
	int locks = SCL_STATE_ALL | extra;
	spa_config_enter(spa, locks, spa, RW_WRITER);
	spa->spa_vdev_locks = locks;
}
static void st_exit(spa_t *spa)
{
	spa_config_exit(spa, spa->spa_vdev_locks, spa);
}
int scan(spa_t *spa, int func)
{
	if (func > 2)
		return (-1);
	st_enter(spa, SCL_NONE);
	st_exit(spa);
	return (0);
}

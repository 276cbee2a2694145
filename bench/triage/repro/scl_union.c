void fix(spa_t *);

void upgrade(spa_t *spa)
{
	spa_config_enter(spa, SCL_CONFIG, FTAG, RW_READER);
	spa_config_enter(spa, SCL_STATE, FTAG, RW_READER);
	spa_config_exit(spa, SCL_CONFIG | SCL_STATE, FTAG);
	spa_config_enter(spa, SCL_CONFIG | SCL_STATE, FTAG, RW_WRITER);
	fix(spa);
	spa_config_exit(spa, SCL_CONFIG | SCL_STATE, FTAG);
}

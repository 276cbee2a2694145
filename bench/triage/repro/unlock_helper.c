struct adapter { pthread_mutex_t *lock; };
int adapter_unlock(struct adapter *a)
{
	int ret = -EINVAL;
	if (a && a->lock)
		ret = pthread_mutex_unlock(a->lock);
	return ret;
}

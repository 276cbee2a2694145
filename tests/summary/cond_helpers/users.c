int flow_create_ok(struct dev *dev, struct flow *f)
{
	int ret;

	dev_enter(dev);
	ret = dev->ops->create(dev, f);
	dev_exit(dev);
	return ret;
}

int flow_create_bug(struct dev *dev, struct flow *f)
{
	int ret;

	dev_enter(dev);
	ret = dev->ops->create(dev, f);
	if (ret < 0)
		return ret; /* expect: inconsistent-return */
	dev_exit(dev);
	return ret;
}

int obj_mark_ok(struct obj *o)
{
	OBJ_LOCK(o);
	o->marks++;
	OBJ_UNLOCK(o);
	return 0;
}

int obj_mark_bug(struct obj *o)
{
	OBJ_LOCK(o);
	if (o->marks > 8)
		return -EBUSY; /* expect: inconsistent-return */
	o->marks++;
	OBJ_UNLOCK(o);
	return 0;
}

int dev_start_ok(struct dev *d)
{
	int ret = dev_trylock(d);

	if (!ret)
		return -EBUSY;
	d->started = 1;
	dev_unlock(d);
	return 0;
}

int dev_start_bug(struct dev *d)
{
	int ret = dev_trylock(d);

	if (!ret)
		return -EBUSY;
	if (d->started)
		return -EALREADY; /* expect: inconsistent-return */
	d->started = 1;
	dev_unlock(d);
	return 0;
}

/* The kernel error-unwinding shape: gotos forward to stacked cleanup labels, a label
 * reached both by falling through and by goto. */
int bind_dev(struct drv *drv, struct dev *d)
{
	int err;

	mutex_lock(&drv->lock);
	err = dev_power_on(d);
	if (err)
		goto out_unlock;
	err = dev_probe(d);
	if (err < 0)
		goto out_power;
	drv->bound++;
	mutex_unlock(&drv->lock);
	return 0;

out_power:
	dev_power_off(d);
out_unlock:
	mutex_unlock(&drv->lock);
	return err;
}

/* cfg:
function bind_dev
  B0:
    7:2 lock acquire exclusive 'drv->lock'
    8:8 call dev_power_on -> err
    if truth(err) B3 else B4
  B1:
    19:2 call dev_power_off
    goto B2
  B2:
    21:2 lock release exclusive 'drv->lock'
    return err any
  B3:
    goto B2
  B4:
    goto B5
  B5:
    11:8 call dev_probe -> err
    if neg(err) B6 else B7
  B6:
    goto B1
  B7:
    goto B8
  B8:
    14:2 assign drv->bound
    15:2 lock release exclusive 'drv->lock'
    return zero
*/

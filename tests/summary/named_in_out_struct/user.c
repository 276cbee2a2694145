/* Callers that unlock the bucket by the hash the pull handed back. */
int write_out(struct item *it);

int flush_ok(struct item *tail)
{
	struct pulled p;

	if (pull_locked(tail, &p) < 0)
		return -1;
	write_out(p.it);
	bucket_unlock(p.hv);
	return 0;
}

int flush_bug(struct item *tail)
{
	struct pulled p;

	if (pull_locked(tail, &p) < 0)
		return -1;
	if (write_out(p.it) < 0)
		return -1; /* expect: inconsistent-return */
	bucket_unlock(p.hv);
	return 0;
}

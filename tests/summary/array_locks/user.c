/* Callers that name the bucket with their own variables. */
extern pthread_mutex_t bucket_locks[64];
int table_get(unsigned int key);
int scan_one(int c);

int lookup_ok(unsigned int key)
{
	unsigned int h = key * 31;
	int v;

	bucket_lock(h);
	v = table_get(key);
	bucket_unlock(h);
	return v;
}

int lookup_bug(unsigned int key)
{
	unsigned int h = key * 31;
	int v;

	bucket_lock(h);
	v = table_get(key);
	if (v < 0)
		return v; /* expect: inconsistent-return */
	bucket_unlock(h);
	return v;
}

/* Two buckets at once, each named by its own variable. */
int move_ok(unsigned int from, unsigned int to)
{
	bucket_lock(from);
	bucket_lock(to);
	table_get(from);
	bucket_unlock(to);
	bucket_unlock(from);
	return 0;
}

int move_bug(unsigned int from, unsigned int to)
{
	bucket_lock(from);
	bucket_lock(to);
	if (table_get(from) < 0) {
		bucket_unlock(from);
		return -1; /* expect: inconsistent-return */
	}
	bucket_unlock(to);
	bucket_unlock(from);
	return 0;
}

void scan_ok(int n)
{
	for (int c = 0; c < n; c++) {
		pthread_mutex_lock(&bucket_locks[c]);
		if (scan_one(c) < 0) {
			class_done(c);
			continue;
		}
		pthread_mutex_unlock(&bucket_locks[c]);
	}
}

void scan_bug(int n)
{
	for (int c = 0; c < n; c++) {
		pthread_mutex_lock(&bucket_locks[c]); /* expect: held-across-iteration */
		if (scan_one(c) < 0)
			continue;
		pthread_mutex_unlock(&bucket_locks[c]);
	}
}

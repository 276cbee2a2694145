extern kmutex_t locks[64];
static void hash_insert(hdr_t *h, kmutex_t **lockp)
{
	kmutex_t *hash_lock = &locks[h->idx & 63];
	*lockp = hash_lock;
	mutex_enter(hash_lock);
}
void write_done(hdr_t *h)
{
	kmutex_t *hl;
	hash_insert(h, &hl);
	mutex_exit(hl);
	hash_insert(h, &hl);
	mutex_exit(hl);
}

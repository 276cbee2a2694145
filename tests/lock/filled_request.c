/* A function that returns 0 with the lock of one of its own objects held, and says which
 * object in the request its caller passed; the caller's later call finds the object by
 * that id and unlocks it.  Every other way returns an error without the lock.  The page is
 * found or made, so its lock has no name the caller could use. */

struct page {
	pthread_mutex_t mutex;
	int id;
	int active;
	char *pos;
	unsigned int room;
};

struct request {
	char *buf;
	int page_id;
	unsigned int len;
};

struct page *page_for(unsigned int bucket);
struct page *page_new(unsigned int bucket);

/* Correct: 0 leaves the page locked for the caller to copy into (req->page_id says which). */
int write_request(unsigned int bucket, struct request *req)
{
	struct page *p = page_for(bucket);

	if (!p)
		p = page_new(bucket);
	if (!p)
		return -1;
	pthread_mutex_lock(&p->mutex);
	if (!p->active || p->room < req->len) {
		pthread_mutex_unlock(&p->mutex);
		return -1;
	}
	req->buf = p->pos;
	req->page_id = p->id;
	return 0;
}

/* Bug: the full-page way returns its error with the page still locked. */
int write_request_bug(unsigned int bucket, struct request *req)
{
	struct page *p = page_for(bucket);

	if (!p)
		p = page_new(bucket);
	if (!p)
		return -1;
	pthread_mutex_lock(&p->mutex);
	if (!p->active) {
		pthread_mutex_unlock(&p->mutex);
		return -1;
	}
	if (p->room < req->len)
		return -1; /* expect: inconsistent-return */
	req->buf = p->pos;
	req->page_id = p->id;
	return 0;
}

/* Bug: a function that fills nothing in for its caller cannot hand the lock over. */
int touch_page(unsigned int bucket)
{
	struct page *p = page_for(bucket);

	if (!p)
		p = page_new(bucket);
	if (!p)
		return -1;
	pthread_mutex_lock(&p->mutex);
	if (!p->active) {
		pthread_mutex_unlock(&p->mutex);
		return -1;
	}
	p->room = 0;
	return 0; /* expect: inconsistent-return */
}

/* A lock taken through a member path (`page->inode`), and released through a local copied
 * from that path while the lock was held (`inode = page->inode`): one lock, two names.
 * The callee may clear page->inode, which is why the copy is made. */

struct ino {
	pthread_mutex_t inode_lock;
};

struct page {
	struct ino *inode;
};

long destroy_page(struct page *p);

static void ino_lock(struct ino *i)
{
	pthread_mutex_lock(&i->inode_lock);
}

static void ino_unlock(struct ino *i)
{
	pthread_mutex_unlock(&i->inode_lock);
}

long page_destroy_ok(struct page *page)
{
	long ret = 0;
	struct ino *inode = NULL;

	if (page == NULL)
		goto out;
	ino_lock(page->inode);
	inode = page->inode;
	ret = destroy_page(page);
	ino_unlock(inode);
out:
	return ret;
}

/* Bug: the error return keeps the inode locked. */
long page_destroy_bug(struct page *page)
{
	long ret;
	struct ino *inode = NULL;

	ino_lock(page->inode);
	inode = page->inode;
	ret = destroy_page(page);
	if (ret < 0)
		return ret; /* expect: inconsistent-return */
	ino_unlock(inode);
	return ret;
}

/* A local that remembers which lock is held (`held = a`) releases it on the early exit. */
int scan_ok(struct ino *a, int n)
{
	struct ino *held = NULL;

	pthread_mutex_lock(&a->inode_lock);
	held = a;
	if (n < 0) {
		pthread_mutex_unlock(&held->inode_lock);
		return -1;
	}
	pthread_mutex_unlock(&a->inode_lock);
	return 0;
}

/* Bug: the remembered lock is another inode's. */
int scan_bug(struct ino *a, struct ino *b, int n)
{
	struct ino *held = NULL;

	pthread_mutex_lock(&a->inode_lock);
	held = b;
	if (n < 0) {
		pthread_mutex_unlock(&held->inode_lock);
		return -1; /* expect: inconsistent-return */
	}
	pthread_mutex_unlock(&a->inode_lock);
	return 0;
}

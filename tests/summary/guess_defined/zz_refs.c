/* Read after users.c (file order): plain reference counts. */
void res_acquire(struct res *r)
{
	r->refs++;
}

void res_release(struct res *r)
{
	r->refs--;
}

/* A lock macro over a function generated where no file shows it. */
#define obj_lock(o) obj_lock_at(o, __FILE__, __LINE__)

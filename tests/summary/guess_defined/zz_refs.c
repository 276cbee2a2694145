/* Read after users.c (file order): plain reference counts. */
void res_acquire(struct res *r)
{
	r->refs++;
}

void res_release(struct res *r)
{
	r->refs--;
}

/* Read after users.c (file order): plain reference counts. */
void res_get(struct res *r)
{
	r->refs++;
}

void res_put(struct res *r)
{
	r->refs--;
}

/* A helper in another file that never returns: it reports and panics. */
struct dev;
void report(struct dev *d);

void fatal(struct dev *d, const char *why)
{
	report(d);
	panic("%s", why);
}

/* It returns when the level is low: only a high level ends the path. */
void complain(struct dev *d, int level)
{
	report(d);
	if (level > 3)
		panic("fatal");
}

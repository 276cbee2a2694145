/* source: one input file's bytes.
 * Takes: a path.  Gives: the file's text (NUL-terminated copy), or a reason it was refused.
 * Owns: the text buffer, freed by source_release. */
#ifndef LOCKAUDIT_SOURCE_H
#define LOCKAUDIT_SOURCE_H

#include <stddef.h>
#include <stdbool.h>

/* Budget: larger files are refused with a message (generated or data files, not code). */
#define SOURCE_MAX_BYTES (16u * 1024 * 1024)

enum source_status {
	SOURCE_OK,
	SOURCE_MISSING,		/* cannot open or read: an input error (exit 2) */
	SOURCE_TOO_LARGE,	/* skipped, with a message */
	SOURCE_BINARY,		/* skipped, with a message */
};

struct source {
	const char *path;	/* as given by the caller (not owned) */
	char *text;		/* len bytes plus a NUL */
	size_t len;
	bool bad_utf8;		/* analysed anyway; a message says so */
};

/* Reads path; on failure fills err (for stderr) and returns the status. */
enum source_status source_read(struct source *src, const char *path, char *err, size_t errlen);
/* The same checks on text already in memory (a blob read from git); data is copied. */
enum source_status source_from_memory(struct source *src, const char *path, const char *data, size_t len,
				      char *err, size_t errlen);
void source_release(struct source *src);

#endif

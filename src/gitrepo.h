/* gitrepo: reads a git repository through git's own plumbing (rev-parse, diff, grep,
 * cat-file), as a subprocess.  Never writes: no work tree, index, ref or object changes.
 * Takes: a repository directory (the current one for `lockaudit review`) and revisions.
 * Gives: resolved commits, changed paths, file contents at a revision.
 * Owns: what it returns (strbuf / VEC the caller releases).
 *
 * Why a subprocess and not libgit2: git is on every machine that has a repository to
 * review, it reads packs, alternates and worktrees exactly as the user's git does, and it
 * adds no dependency to pin. */
#ifndef LOCKAUDIT_GITREPO_H
#define LOCKAUDIT_GITREPO_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Runs git with args (NULL-terminated, without "git") in dir (NULL: the current one),
 * feeding input (may be NULL) on stdin and collecting stdout in out; stderr is collected in
 * err when err is not NULL, else passed through.  Returns git's exit status, or -1. */
int git_run(const char *dir, const char *const *args, const char *input, size_t input_len,
	    struct strbuf *out, struct strbuf *err);
/* The same with env_extra ("NAME=value" strings, NULL-terminated) added to git's environment. */
int git_run_env(const char *dir, const char *const *env_extra, const char *const *args, const char *input,
		size_t input_len, struct strbuf *out, struct strbuf *err);

/* The full hash of rev (a commit), into hex[41]; false if it does not name a commit. */
bool git_commit(const char *dir, const char *rev, char hex[41]);

/* One blob requested from git_read_blobs. */
struct git_blob {
	const char *rev;	/* commit hash */
	const char *path;
	char *data;		/* NULL when the path does not exist at rev */
	size_t len;
	char oid[41];		/* the blob's hash ("" when missing): equal oids, equal text */
};

/* Reads every blob in one `git cat-file --batch`; false if git failed. */
bool git_read_blobs(const char *dir, struct git_blob *blobs, size_t n);

/* Splits text at sep (a NUL or a newline) into lines, in place; empty ones dropped. */
size_t git_split(char *text, size_t len, char sep, char ***lines);

#endif

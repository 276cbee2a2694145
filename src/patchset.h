/* patchset: a patch file (one patch, or an mbox series from git format-patch) applied patch
 * by patch onto a base commit, in a private temporary directory.
 * Takes: the patch file, the base commit (read through git's object store).
 * Gives: per patch, its label ("patch 2/3 \"subject\""), the .c/.h paths it changes, and the
 * text of every file the series touches as it stands after that patch.
 * Owns: all of that, until patch_series_release.  The temporary directory is gone when
 * patch_series_apply returns; the repository is never written to.
 *
 * `git apply` does the applying (it is the tool that wrote the patches' format); it runs
 * with GIT_CEILING_DIRECTORIES at the temporary directory, so it sees no repository and
 * works on the plain files there. */
#ifndef LOCKAUDIT_PATCHSET_H
#define LOCKAUDIT_PATCHSET_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct patch_text {
	char *path;		/* shared with patch_series.paths */
	char *data;		/* NULL: the file does not exist after this patch */
	size_t len;
};

struct patch_step {
	char *label;
	VEC(char *) touched;		/* .c/.h paths this patch changes */
	VEC(struct patch_text) texts;	/* every path of the series, after this patch */
};

struct patch_series {
	VEC(struct patch_step) steps;
	VEC(char *) paths;		/* every .c/.h path the series changes */
};

/* false, with a message in err, if the file cannot be read or a patch does not apply. */
bool patch_series_apply(struct patch_series *ps, const char *patch_file, const char *base, char *err,
			size_t errlen);
void patch_series_release(struct patch_series *ps);

#endif

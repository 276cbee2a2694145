/* review: `lockaudit review BASE..HEAD` and `--patch FILE`: the lock-balance regressions a
 * series introduces, the ones it fixes, and the changed lock contracts of the functions it
 * touches, each attributed to the commit (or patch) that made it.
 * Takes: a git repository (the current directory), a range or a patch file, options and
 * lock primitives.
 * Gives: a finding list (regressions "new", fixes "absent", contract changes) on stdout in
 * the chosen format; the exit status (1 when the series brings a regression).
 * Owns: every version's run (see review.c for the file set each version analyses).
 *
 * Both versions are read through git's object store (src/gitrepo); patches are applied by
 * `git apply` inside a private temporary directory.  The work tree, index and refs are
 * never touched. */
#ifndef LOCKAUDIT_REVIEW_H
#define LOCKAUDIT_REVIEW_H

#include "lockapi.h"
#include "options.h"

/* Budgets: the series' commits analysed one by one to attribute each finding (longer
 * ranges analyse base and head only), and the files read beyond the changed ones (the
 * callers of changed functions). */
#define REVIEW_MAX_COMMITS 64
#define REVIEW_MAX_CALLER_FILES 400
/* Budget: rounds of bringing in the callers of functions whose lock summary changed
 * (a helper, its wrapper, the wrapper's ops-table callers, ...). */
#define REVIEW_MAX_LEVELS 4
/* Budget: local headers read for the files a level brings in (three levels of #include "..."). */
#define REVIEW_MAX_HEADERS 200

int review_run(const struct options *opt, const struct lockapi *api);

#endif

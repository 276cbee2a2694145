/* findings: rules that turn a function's exit states and event issues into findings.
 * Takes: an analysis result (scratch-arena memory) and the file name.
 * Gives: struct finding values copied into the run arena (they outlive the function), and
 * the text/JSON/SARIF renderers read nothing else.  Owns: nothing. */
#ifndef LOCKAUDIT_FINDINGS_H
#define LOCKAUDIT_FINDINGS_H

#include <stddef.h>

#include "analysis.h"
#include "arena.h"
#include "cfg.h"
#include "util.h"
#include "kinds.h"

struct note {
	struct loc loc;
	const char *message;
	const char *file;	/* NULL: the finding's own file */
};

struct finding {
	const char *file;
	struct loc loc;
	const char *function;
	enum finding_kind kind;
	const char *lock;	/* as the source writes it */
	const char *message;
	struct note *notes;
	size_t nnotes;
	const char *baseline;	/* review only: "new", "absent" (fixed) or "updated" (a changed contract) */
	const char *commit;	/* review only: the commit or patch that made the change */
};

/* A note that is not a finding: a function skipped for a budget or for syntax errors. */
struct notice {
	const char *file;
	struct loc loc;
	const char *message;
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
	struct notice *notices;
	size_t nnotices, ncap;
};

/* Appends the findings of one analysed function (copied into run). */
void findings_collect(struct finding_list *out, struct arena *run, const char *file,
		      const struct analysis *res);
void findings_notice(struct finding_list *out, struct arena *run, const char *file,
		     struct loc loc, const char *message);
void findings_notice_copy(struct finding_list *out, const struct notice *n);	/* strings shared */
/* Sorts by file, line, column, kind (the order is the same whatever the input order). */
void findings_sort(struct finding_list *out);
void findings_release(struct finding_list *out);
/* Drops what the functions named in fns (defined at the places "line:col" in at) were
 * reported for, before they are analysed again: one pass for all of a round's. */
void findings_forget_functions(struct finding_list *l, const struct strset *fns, const struct strset *at);

const char *finding_kind_name(enum finding_kind k);
int finding_kind_of(const char *name);	/* the kind named so, or -1 */
const char *finding_kind_description(enum finding_kind k);
const char *finding_kind_rule(enum finding_kind k);

#endif

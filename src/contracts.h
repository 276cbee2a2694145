/* contracts: ops tables and the lock contract their callers imply.
 * Takes: the top-level initialisers of each file (`.lookup = demo_lookup` inside a
 * `struct inode_operations` initialiser), and the calls through a field
 * (`dir->i_op->lookup(...)`) with the locks their callers hold there.
 * Gives: a finding on each implementation whose summary changes a lock, when the callers
 * of its field hold a lock across the call (and so expect it back as they left it).
 * Owns: its records (strings copied into its arena). */
#ifndef LOCKAUDIT_CONTRACTS_H
#define LOCKAUDIT_CONTRACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "arena.h"
#include "findings.h"
#include "parse.h"
#include "summary.h"
#include "util.h"

/* `.field = fn` in an initialiser of `struct type` named `table`. */
struct ops_impl {
	const char *type, *table, *field, *fn, *file;
	struct loc loc;
};

/* A call through ->field, and what its caller holds there. */
struct field_call {
	const char *field, *caller, *file;
	struct loc loc;
	const char *held;	/* the first lock held across the call, as written */
	const char *held_by;	/* the primitive that took it */
};

struct contracts {
	struct arena arena;
	VEC(struct ops_impl) impls;
	VEC(struct field_call) calls;
};

void contracts_init(struct contracts *c);
void contracts_release(struct contracts *c);
/* Drops what an earlier analysis of file recorded (before the file is analysed again). */
void contracts_forget_file(struct contracts *c, const char *file);
/* The same for the functions of file named in fns, analysed again alone. */
void contracts_forget_functions(struct contracts *c, const char *file, const struct strset *fns);
/* Records the ops-table initialisers at the top level of a parsed file. */
void contracts_scan_tables(struct contracts *c, const struct grammar *g, const struct parsed_file *pf, const char *file);
/* Records the field calls of an analysed function. */
void contracts_note_calls(struct contracts *c, const struct analysis *res, const char *file);
/* Appends src's records to dst (the strings stay in src's arena, which must outlive dst). */
void contracts_append(struct contracts *dst, const struct contracts *src);
/* Appends the contract findings, with run-lifetime strings in arena. */
void contracts_check(const struct contracts *c, const struct summary_table *sums, struct finding_list *out,
		     struct arena *arena);

#endif

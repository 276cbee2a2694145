/* kinds: the closed list of finding kinds.  One line each: enum id, the [kind] string,
 * a one-line description (docs, SARIF rule shortDescription), and the reviewer's sentence
 * the rule encodes (SARIF fullDescription).  The report, the SARIF rules array and
 * docs/findings.md all come from this list. */
#ifndef LOCKAUDIT_KINDS_H
#define LOCKAUDIT_KINDS_H

#define FINDING_KINDS(X) \
	X(INCONSISTENT_RETURN, "inconsistent-return", \
	  "a lock is held on some return paths and not on others", \
	  "the lock is dropped (or taken) and some return paths leave without restoring it, while the others do") \
	X(RELEASE_UNHELD, "release-unheld", \
	  "a lock is released on a path where it was never acquired", \
	  "the lock is taken only on some paths but released on all of them") \
	X(DOUBLE_ACQUIRE, "double-acquire", \
	  "a non-recursive lock is acquired while already held", \
	  "the lock is taken again on a path that already holds it: a self-deadlock") \
	X(DOUBLE_RELEASE, "double-release", \
	  "a lock is released twice on one path", \
	  "the lock is released again on a path that has already released it") \
	X(MODE_MISMATCH, "mode-mismatch", \
	  "a lock is released or re-taken in a different mode (shared/exclusive) than it was held", \
	  "a reader lock is released as a writer, or the other way round") \
	X(HELD_AT_BREAK, "held-at-break", \
	  "a lock taken in a loop body is still held when break leaves the loop", \
	  "the loop body releases the lock on every iteration, but the break path leaves with it held") \
	X(HELD_ACROSS_ITERATION, "held-across-iteration", \
	  "a lock taken through the loop's cursor is still held when the loop moves to the next entry", \
	  "the loop body releases the entry's lock, but a path (continue) goes on to the next entry with it held") \
	X(OPS_CONTRACT, "ops-contract", \
	  "an ops-table implementation changes a lock that the callers of its field hold across the call", \
	  "callers lock around ->op() and unlock after it returns, but this implementation drops (or takes) the lock on some paths") \
	X(ANNOTATION_MISMATCH, "annotation-mismatch", \
	  "a function's body does not do what its lock annotation (__acquires, __releases, __must_hold), on it or on its declaration earlier in the file, says", \
	  "the annotation promises the lock state callers get back, and some return paths break the promise") \
	X(UNCHECKED_RESULT, "unchecked-lock-result", \
	  "the result of a call that returns with a lock held only on some values is not tested", \
	  "the helper takes the lock only when it succeeds, and the caller goes on without looking") \
	X(CONTRACT_CHANGE, "contract-change", \
	  "(review) a function the series changes now leaves a lock in another state on some return paths", \
	  "before the change the function restored the lock on every path; now some paths return without it, and every caller must follow")

enum finding_kind {
#define X(id, name, desc, rule) FK_##id,
	FINDING_KINDS(X)
#undef X
	FK_COUNT
};

#endif

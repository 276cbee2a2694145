/* report: renders findings as compiler-style text, JSON (docs/output.md) or SARIF 2.1.0.
 * Takes: a sorted finding_list.  Gives: text on a FILE.  Owns: nothing.
 * All three formats carry the same content: location, function, kind, lock, message, notes. */
#ifndef LOCKAUDIT_REPORT_H
#define LOCKAUDIT_REPORT_H

#include <stdio.h>

#include "findings.h"

void report_text(const struct finding_list *fl, FILE *out);
void report_json(const struct finding_list *fl, FILE *out);
/* The finding kinds as a Markdown list (docs/findings.md is this output). */
void report_kinds_markdown(FILE *out);
void report_sarif(const struct finding_list *fl, const char *version, FILE *out);

#endif

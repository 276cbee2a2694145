#include "report.h"
#include "json.h"

#include <string.h>

static const char *note_file(const struct finding *f, size_t k)
{
	return f->notes[k].file ? f->notes[k].file : f->file;
}

void report_text(const struct finding_list *fl, FILE *out)
{
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = &fl->v[i];
		/* review: a finding the series removed is said as fixed, not as a warning */
		const char *level = f->baseline && strcmp(f->baseline, "absent") == 0 ? "fixed" : "warning";
		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", f->file, f->loc.line, f->loc.col, level, f->message,
			finding_kind_name(f->kind));
		fprintf(out, "%s:%u:%u: note: in function '%s'\n", f->file, f->loc.line, f->loc.col, f->function);
		for (size_t k = 0; k < f->nnotes; k++)
			fprintf(out, "%s:%u:%u: note: %s\n", note_file(f, k), f->notes[k].loc.line, f->notes[k].loc.col,
				f->notes[k].message);
	}
	for (size_t i = 0; i < fl->nnotices; i++) {
		const struct notice *n = &fl->notices[i];
		fprintf(out, "%s:%u:%u: note: %s\n", n->file, n->loc.line, n->loc.col, n->message);
	}
}

void report_json(const struct finding_list *fl, FILE *out)
{
	struct json j;
	json_init(&j, out, 2);
	json_object_begin(&j, NULL);
	json_int(&j, "version", 1);
	json_array_begin(&j, "findings");
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = &fl->v[i];
		json_object_begin(&j, NULL);
		json_string(&j, "file", f->file);
		json_int(&j, "line", f->loc.line);
		json_int(&j, "column", f->loc.col);
		json_string(&j, "function", f->function);
		json_string(&j, "kind", finding_kind_name(f->kind));
		json_string(&j, "lock", f->lock);
		json_string(&j, "message", f->message);
		if (f->baseline) {
			json_string(&j, "baseline", f->baseline);
			json_string(&j, "commit", f->commit);
		}
		json_array_begin(&j, "notes");
		for (size_t k = 0; k < f->nnotes; k++) {
			json_object_begin(&j, NULL);
			json_string(&j, "file", note_file(f, k));
			json_int(&j, "line", f->notes[k].loc.line);
			json_int(&j, "column", f->notes[k].loc.col);
			json_string(&j, "message", f->notes[k].message);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_array_begin(&j, "notices");
	for (size_t i = 0; i < fl->nnotices; i++) {
		const struct notice *n = &fl->notices[i];
		json_object_begin(&j, NULL);
		json_string(&j, "file", n->file);
		json_int(&j, "line", n->loc.line);
		json_int(&j, "column", n->loc.col);
		json_string(&j, "message", n->message);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

/* A relative URI reference: unreserved bytes and '/' as they are, the rest %-encoded. */
static const char *uri_of(const char *file, char *buf, size_t len)
{
	if (file[0] == '.' && file[1] == '/')
		file += 2;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)file; *p && n + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			buf[n++] = (char)*p;
		else
			n += (size_t)snprintf(buf + n, len - n, "%%%02X", *p);
	}
	buf[n] = '\0';
	return buf;
}

static void sarif_location(struct json *j, const char *file, struct loc loc, const char *message)
{
	char uri[4096];
	json_object_begin(j, NULL);
	if (message) {
		json_object_begin(j, "message");
		json_string(j, "text", message);
		json_object_end(j);
	}
	json_object_begin(j, "physicalLocation");
	json_object_begin(j, "artifactLocation");
	json_string(j, "uri", uri_of(file, uri, sizeof(uri)));
	json_object_end(j);
	json_object_begin(j, "region");
	json_int(j, "startLine", loc.line);
	json_int(j, "startColumn", loc.col);
	json_int(j, "endLine", loc.line);
	json_object_end(j);
	json_object_end(j);
	json_object_end(j);
}

static void sarif_rules(struct json *j)
{
	json_array_begin(j, "rules");
	for (int k = 0; k < FK_COUNT; k++) {
		json_object_begin(j, NULL);
		json_string(j, "id", finding_kind_name(k));
		json_string(j, "name", finding_kind_name(k));
		json_object_begin(j, "shortDescription");
		json_string(j, "text", finding_kind_description(k));
		json_object_end(j);
		json_object_begin(j, "fullDescription");
		json_string(j, "text", finding_kind_rule(k));
		json_object_end(j);
		json_object_begin(j, "help");
		json_string(j, "text", finding_kind_rule(k));
		json_object_end(j);
		json_object_begin(j, "defaultConfiguration");
		json_string(j, "level", "warning");
		json_object_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void sarif_result(struct json *j, const struct finding *f)
{
	json_object_begin(j, NULL);
	json_string(j, "ruleId", finding_kind_name(f->kind));
	json_int(j, "ruleIndex", f->kind);
	json_string(j, "level", f->baseline && strcmp(f->baseline, "absent") == 0 ? "note" : "warning");
	if (f->baseline)
		json_string(j, "baselineState", f->baseline);
	json_object_begin(j, "message");
	json_string(j, "text", f->message);
	json_object_end(j);
	json_array_begin(j, "locations");
	sarif_location(j, f->file, f->loc, NULL);
	json_array_end(j);
	json_array_begin(j, "relatedLocations");
	for (size_t k = 0; k < f->nnotes; k++)
		sarif_location(j, note_file(f, k), f->notes[k].loc, f->notes[k].message);
	json_array_end(j);
	char fp[512];
	snprintf(fp, sizeof(fp), "%s:%s:%s", f->function, finding_kind_name(f->kind), f->lock);
	json_object_begin(j, "partialFingerprints");
	json_string(j, "lockauditFunctionKindLock/v1", fp);
	json_object_end(j);
	json_object_begin(j, "properties");
	json_string(j, "function", f->function);
	json_string(j, "lock", f->lock);
	if (f->commit)
		json_string(j, "commit", f->commit);
	json_object_end(j);
	json_object_end(j);
}

void report_sarif(const struct finding_list *fl, const char *version, FILE *out)
{
	struct json j;
	json_init(&j, out, 2);
	json_object_begin(&j, NULL);
	json_string(&j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_string(&j, "version", "2.1.0");
	json_array_begin(&j, "runs");
	json_object_begin(&j, NULL);
	json_object_begin(&j, "tool");
	json_object_begin(&j, "driver");
	json_string(&j, "name", "lockaudit");
	json_string(&j, "version", version);
	sarif_rules(&j);
	json_object_end(&j);
	json_object_end(&j);
	json_array_begin(&j, "results");
	for (size_t i = 0; i < fl->n; i++)
		sarif_result(&j, &fl->v[i]);
	json_array_end(&j);
	json_object_end(&j);
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

void report_kinds_markdown(FILE *out)
{
	fputs("# Finding kinds\n\n"
	      "Generated by `lockaudit --dump=kinds` from src/kinds.h; tests/run checks that this file\n"
	      "matches it.  Each kind is the `[kind]` at the end of a warning, the JSON `kind` and the\n"
	      "SARIF `ruleId`.\n", out);
	for (int k = 0; k < FK_COUNT; k++)
		fprintf(out, "\n## %s\n\n%s.\n\nThe reviewer's words: %s.\n", finding_kind_name(k),
			finding_kind_description(k), finding_kind_rule(k));
}

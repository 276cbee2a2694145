/* json: the smallest JSON writer that report.c and sarif.c need.
 * Takes: values in document order.  Gives: text on a FILE, commas and escaping handled.
 * Owns: nothing (the nesting stack is a fixed array in struct json). */
#ifndef LOCKAUDIT_JSON_H
#define LOCKAUDIT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	int indent;	/* spaces per level; 0 for one line */
};

void json_init(struct json *j, FILE *out, int indent);
void json_object_begin(struct json *j, const char *key);	/* key is NULL inside arrays */
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
void json_string(struct json *j, const char *key, const char *value);
void json_int(struct json *j, const char *key, long long value);
void json_finish(struct json *j);	/* final newline */

#endif

#include "source.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A NUL byte in the first 8 KiB is how git and grep tell binary files apart; so do we. */
static bool looks_binary(const char *p, size_t n)
{
	if (n > 8192)
		n = 8192;
	return memchr(p, '\0', n) != NULL;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (!len || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* The checks every text goes through, wherever it came from; takes sb's buffer. */
static enum source_status source_take(struct source *src, struct strbuf *sb, char *err, size_t errlen)
{
	if (looks_binary(sb->buf, sb->len)) {
		snprintf(err, errlen, "binary file (contains NUL bytes); skipped");
		sb_release(sb);
		return SOURCE_BINARY;
	}
	src->text = sb->buf;
	src->len = sb->len;
	src->bad_utf8 = !valid_utf8((const unsigned char *)sb->buf, sb->len);
	return SOURCE_OK;
}

enum source_status source_read(struct source *src, const char *path, char *err, size_t errlen)
{
	memset(src, 0, sizeof(*src));
	src->path = path;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return SOURCE_MISSING;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size > SOURCE_MAX_BYTES) {
		snprintf(err, errlen, "file too large (%lld bytes, limit %u); skipped",
			 (long long)st.st_size, SOURCE_MAX_BYTES);
		fclose(f);
		return SOURCE_TOO_LARGE;
	}
	struct strbuf sb = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		sb_add(&sb, buf, n);
		if (sb.len > SOURCE_MAX_BYTES) {
			snprintf(err, errlen, "file too large (over %u bytes); skipped", SOURCE_MAX_BYTES);
			fclose(f);
			sb_release(&sb);
			return SOURCE_TOO_LARGE;
		}
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		snprintf(err, errlen, "read error: %s", strerror(errno));
		sb_release(&sb);
		return SOURCE_MISSING;
	}
	if (!sb.buf)
		sb_add(&sb, "", 0);
	return source_take(src, &sb, err, errlen);
}

enum source_status source_from_memory(struct source *src, const char *path, const char *data, size_t len,
				      char *err, size_t errlen)
{
	memset(src, 0, sizeof(*src));
	src->path = path;
	if (len > SOURCE_MAX_BYTES) {
		snprintf(err, errlen, "file too large (%zu bytes, limit %u); skipped", len, SOURCE_MAX_BYTES);
		return SOURCE_TOO_LARGE;
	}
	struct strbuf sb = {0};
	sb_add(&sb, data ? data : "", data ? len : 0);
	return source_take(src, &sb, err, errlen);
}

void source_release(struct source *src)
{
	free(src->text);
	src->text = NULL;
	src->len = 0;
}

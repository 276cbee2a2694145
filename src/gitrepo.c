/* posix_spawn and poll are POSIX 2008; this file needs nothing beyond them. */
#include "gitrepo.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* Reads from the child while writing to it: a large batch would deadlock otherwise once
 * both pipes fill. */
static void pump(int in_fd, const char *input, size_t input_len, int out_fd, struct strbuf *out,
		 int err_fd, struct strbuf *err)
{
	size_t written = 0;
	struct pollfd p[3];
	char buf[65536];
	for (;;) {
		int n = 0, iw = -1, io = -1, ie = -1;
		if (in_fd >= 0) {
			p[n] = (struct pollfd){.fd = in_fd, .events = POLLOUT};
			iw = n++;
		}
		if (out_fd >= 0) {
			p[n] = (struct pollfd){.fd = out_fd, .events = POLLIN};
			io = n++;
		}
		if (err_fd >= 0) {
			p[n] = (struct pollfd){.fd = err_fd, .events = POLLIN};
			ie = n++;
		}
		if (n == 0)
			return;
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (iw >= 0 && p[iw].revents) {
			/* POLLOUT promises room for PIPE_BUF bytes: a larger write could block with
			 * the child blocked on its full stdout. */
			size_t chunk = input_len - written < PIPE_BUF ? input_len - written : PIPE_BUF;
			ssize_t w = (p[iw].revents & POLLOUT) ? write(in_fd, input + written, chunk) : -1;
			if (w > 0)
				written += (size_t)w;
			if (w <= 0 || written == input_len) {
				close(in_fd);
				in_fd = -1;
			}
		}
		if (io >= 0 && p[io].revents) {
			ssize_t r = read(out_fd, buf, sizeof(buf));
			if (r > 0)
				sb_add(out, buf, (size_t)r);
			else {
				close(out_fd);
				out_fd = -1;
			}
		}
		if (ie >= 0 && p[ie].revents) {
			ssize_t r = read(err_fd, buf, sizeof(buf));
			if (r > 0)
				sb_add(err, buf, (size_t)r);
			else {
				close(err_fd);
				err_fd = -1;
			}
		}
	}
}

int git_run(const char *dir, const char *const *args, const char *input, size_t input_len,
	    struct strbuf *out, struct strbuf *err)
{
	return git_run_env(dir, NULL, args, input, input_len, out, err);
}

/* extra, then environ, for the child only: our own environment is never changed.  (getenv
 * takes the first of two entries with one name, so the extra ones win.) */
static char **child_env(const char *const *extra)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	while (extra && extra[k])
		k++;
	char **env = xcalloc(n + k + 1, sizeof(char *));
	for (size_t i = 0; i < k; i++)
		env[i] = (char *)extra[i];
	memcpy(env + k, environ, n * sizeof(char *));
	return env;
}

int git_run_env(const char *dir, const char *const *env_extra, const char *const *args, const char *input,
		size_t input_len, struct strbuf *out, struct strbuf *err)
{
	size_t nargs = 0;
	while (args[nargs])
		nargs++;
	const char **argv = xcalloc(nargs + 4, sizeof(char *));
	size_t k = 0;
	argv[k++] = "git";
	if (dir) {
		argv[k++] = "-C";
		argv[k++] = dir;
	}
	for (size_t i = 0; i < nargs; i++)
		argv[k++] = args[i];
	int in[2] = {-1, -1}, outp[2] = {-1, -1}, errp[2] = {-1, -1};
	int status = -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (pipe(in) != 0 || pipe(outp) != 0 || (err && pipe(errp) != 0))
		goto done;
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	if (err)
		posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	int fds[] = {in[0], in[1], outp[0], outp[1], errp[0], errp[1]};
	for (size_t i = 0; i < countof(fds); i++)
		if (fds[i] > 2)
			posix_spawn_file_actions_addclose(&fa, fds[i]);
	pid_t pid;
	char **env = child_env(env_extra);
	int spawned = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, env);
	free(env);
	if (spawned != 0)
		goto done;
	close(in[0]), in[0] = -1;
	close(outp[1]), outp[1] = -1;
	if (err)
		close(errp[1]), errp[1] = -1;
	if (!input || input_len == 0)
		close(in[1]);
	/* A child that exits before reading all its input must not kill us. */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	pump(input && input_len ? in[1] : -1, input, input_len, outp[0], out, err ? errp[0] : -1, err);
	signal(SIGPIPE, old);
	in[1] = outp[0] = errp[0] = -1;
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
done:
	posix_spawn_file_actions_destroy(&fa);
	close_pair(in);
	close_pair(outp);
	close_pair(errp);
	free(argv);
	if (out && !out->buf)
		sb_add(out, "", 0);
	return status;
}

bool git_commit(const char *dir, const char *rev, char hex[41])
{
	size_t n = strlen(rev);
	char *spec = xmalloc(n + 10);
	snprintf(spec, n + 10, "%s^{commit}", rev);
	const char *args[] = {"rev-parse", "--verify", "-q", "--end-of-options", spec, NULL};
	struct strbuf out = {0}, err = {0};
	int st = git_run(dir, args, NULL, 0, &out, &err);
	bool ok = st == 0 && out.len >= 40;
	if (ok) {
		memcpy(hex, out.buf, 40);
		hex[40] = '\0';
	}
	free(spec);
	sb_release(&out);
	sb_release(&err);
	return ok;
}

size_t git_split(char *text, size_t len, char sep, char ***lines)
{
	VEC(char *) v = {0};
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != sep)
			continue;
		if (i > start) {
			if (i < len)
				text[i] = '\0';
			VEC_PUSH(&v, text + start);
		}
		start = i + 1;
	}
	*lines = v.v;
	return v.n;
}

/* Parses one `<oid> blob <size>\n<data>\n` or `<request> missing\n` record at *pos. */
static bool read_record(const struct strbuf *out, size_t *pos, struct git_blob *b)
{
	const char *p = out->buf + *pos, *end = out->buf + out->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		return false;
	if ((size_t)(nl - p) >= 8 && memcmp(nl - 8, " missing", 8) == 0) {
		*pos = (size_t)(nl + 1 - out->buf);
		return true;
	}
	char oid[41] = {0}, type[16] = {0};
	unsigned long long size = 0;
	if (sscanf(p, "%40s %15s %llu", oid, type, &size) != 3 || (size_t)(end - nl - 1) < size + 1)
		return false;
	if (strcmp(type, "blob") == 0) {
		b->data = xmalloc((size_t)size + 1);
		memcpy(b->data, nl + 1, (size_t)size);
		b->data[size] = '\0';
		b->len = (size_t)size;
		memcpy(b->oid, oid, sizeof(oid));
	}
	*pos = (size_t)(nl + 1 - out->buf) + (size_t)size + 1;
	return true;
}

bool git_read_blobs(const char *dir, struct git_blob *blobs, size_t n)
{
	struct strbuf req = {0}, out = {0};
	for (size_t i = 0; i < n; i++) {
		blobs[i].data = NULL;
		blobs[i].len = 0;
		blobs[i].oid[0] = '\0';
		sb_printf(&req, "%s:%s\n", blobs[i].rev, blobs[i].path);
	}
	const char *args[] = {"cat-file", "--batch", NULL};
	int st = n ? git_run(dir, args, req.buf, req.len, &out, NULL) : 0;
	size_t pos = 0;
	bool ok = st == 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = read_record(&out, &pos, &blobs[i]);
	sb_release(&req);
	sb_release(&out);
	return ok;
}

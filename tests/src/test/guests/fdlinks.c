/* fdlinks.c: what /proc/self/fd says of a pipe, a socket pair and an unnamed temporary file, and the
 * inode fstat shows for each; the pipe once more by name from the open directory /proc/self/fd (as
 * find reads it), with the directory's own link. Natively inodes and pids change from run to run. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int fd) {
    char path[64], target[256];
    struct stat st;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    if (fstat(fd, &st) != 0) st.st_ino = 0;
    printf("%s link=%s ino=%llu\n", what, n < 0 ? "error" : target, (unsigned long long) st.st_ino);
}

int main(void) {
    int p[2], s[2];
    if (pipe(p) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, s) != 0) return 1;
    int tmp = open("/tmp", O_TMPFILE | O_RDWR, 0600);
    show("pipe", p[0]);
    show("pipe-write-end", p[1]);
    show("socket", s[0]);
    if (tmp >= 0) show("tmpfile", tmp);
    int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
    char name[16], target[256], dirpath[64];
    snprintf(name, sizeof name, "%d", p[0]);
    ssize_t n = readlinkat(dir, name, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    struct stat st;
    fstat(p[0], &st);
    printf("pipe-by-name link=%s ino=%llu\n", n < 0 ? "error" : target, (unsigned long long) st.st_ino);
    snprintf(dirpath, sizeof dirpath, "%d", dir);
    n = readlinkat(dir, dirpath, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    printf("directory link=%s\n", n < 0 ? "error" : target);
    return 0;
}

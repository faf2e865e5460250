/* listdir.c: lists the directory argv[1] four ways and prints each listing:
 *   1. "getdents <name>" lines from raw getdents64 with a 256-byte buffer (hundreds of calls for
 *      a big directory), then "getdents.calls=N" (calls that returned > 0 bytes);
 *   2. "readdir <name>" lines from opendir/readdir;
 *   3. after rewinddir, the same again: "rewind.same=1" when identical;
 *   4. telldir after the first 100 entries (or half), read the rest, seekdir back, read the rest
 *      again: "seek.same=1" when identical.
 * Varies natively: the order of entries (file-system hash order; disorderfs shuffles it on every
 * listing). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

#define MAXN 20000
static char *names1[MAXN], *names2[MAXN];

static int read_all(DIR *d, char **out) {
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAXN) out[n++] = strdup(e->d_name);
    return n;
}

static int same(char **a, int na, char **b, int nb) {
    if (na != nb) return 0;
    for (int i = 0; i < na; i++) if (strcmp(a[i], b[i]) != 0) return 0;
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: listdir DIR\n"); return 2; }
    int fd = open(argv[1], O_RDONLY | O_DIRECTORY);
    if (fd < 0) { perror(argv[1]); return 2; }
    char buf[256];
    int calls = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n < 0) { perror("getdents64"); return 3; }
        if (n == 0) break;
        calls++;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
            printf("getdents %s\n", e->d_name);
            off += e->d_reclen;
        }
    }
    close(fd);
    printf("getdents.calls=%d\n", calls);

    DIR *d = opendir(argv[1]);
    if (!d) { perror("opendir"); return 2; }
    int n1 = read_all(d, names1);
    for (int i = 0; i < n1; i++) printf("readdir %s\n", names1[i]);
    rewinddir(d);
    int n2 = read_all(d, names2);
    printf("rewind.same=%d\n", same(names1, n1, names2, n2));

    rewinddir(d);
    int k = n1 > 200 ? 100 : n1 / 2;
    for (int i = 0; i < k; i++) readdir(d);
    long pos = telldir(d);
    char *rest1[MAXN], *rest2[MAXN];
    int r1 = read_all(d, rest1);
    seekdir(d, pos);
    int r2 = read_all(d, rest2);
    printf("seek.k=%d seek.rest=%d seek.same=%d\n", k, r1, same(rest1, r1, rest2, r2));
    closedir(d);
    return 0;
}

/* Does a known amount of what calibrated models price, so the counts can be checked exactly:
 * maps PAGES pages of anonymous memory and writes one byte in each (twice: the second pass touches
 * nothing new), unmaps them and maps and writes them again (new pages again), writes BYTES bytes to
 * /dev/null in 4 KiB writes and reads BYTES bytes from /dev/zero, then forks a child that writes one
 * page of its copy of a parent page (copy on write) and exits.
 * Usage: features PAGES BYTES */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void touch(unsigned char *m, long pages) {
    for (long i = 0; i < pages; i++) {
        m[i * 4096] = (unsigned char) i;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: features PAGES BYTES\n");
        return 2;
    }
    long pages = atol(argv[1]), bytes = atol(argv[2]);
    unsigned char *m = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    touch(m, pages);
    touch(m, pages);
    munmap(m, pages * 4096);
    m = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    touch(m, pages);
    static char buf[4096];
    int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
    for (long done = 0; done < bytes; done += sizeof buf) {
        if (write(out, buf, sizeof buf) != sizeof buf || read(in, buf, sizeof buf) != sizeof buf) {
            perror("io");
            return 1;
        }
    }
    pid_t child = fork();
    if (child == 0) {
        m[0] = 1;
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("features %ld %ld %d\n", pages, bytes, m[4096]);
    return 0;
}

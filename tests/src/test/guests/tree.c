/* tree.c MARKER MODE: the root forks 3 children and each child forks one grandchild (7
 * processes, all carrying MARKER in their command line since none execs). Every process then
 * waits forever: MODE "pause" blocks in pause(), "spin" busy-loops without system calls,
 * "syscalls" loops calling getppid() and a 1 us nanosleep (a blocking call, so that even a
 * runtime like Valgrind issues it on the guest's behalf). Prints "tree ready" from the root once all forks returned.
 * Used to check that vbench leaves no process behind. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void wait_forever(const char *mode) {
    if (strcmp(mode, "spin") == 0) { volatile unsigned long x = 0; for (;;) x++; }
    if (strcmp(mode, "syscalls") == 0) {
        struct timespec us = {0, 1000};
        for (;;) { getppid(); nanosleep(&us, NULL); }
    }
    for (;;) pause();
}

int main(int argc, char **argv) {
    const char *mode = argc > 2 ? argv[2] : "pause";
    for (int i = 0; i < 3; i++) {
        pid_t c = fork();
        if (c < 0) { perror("fork"); return 2; }
        if (c == 0) {
            pid_t g = fork();
            if (g < 0) { perror("fork"); _exit(2); }
            wait_forever(mode);
        }
    }
    printf("tree ready\n");
    fflush(stdout);
    wait_forever(mode);
    return 0;
}

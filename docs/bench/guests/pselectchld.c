/* pselectchld.c: waits for a child's exit the way GNU make -j does. SIGCHLD is blocked, and only
 * pselect (or ppoll, with "ppoll") unblocks it while it waits on a pipe nobody writes, so the
 * child's exit interrupts the wait (EINTR) and the handler runs. Prints what ended the wait.
 * Under vbench it hangs today (docs/STATUS.md, "make -j2 can hang"): kept as the reproducer.
 * Usage: pselectchld [pselect|ppoll]   Build: gcc -O2 -o pselectchld docs/bench/guests/pselectchld.c */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t children_ended;

static void on_child(int sig) {
    (void)sig;
    children_ended++;
}

int main(int argc, char **argv) {
    int use_ppoll = argc > 1 && strcmp(argv[1], "ppoll") == 0;
    sigset_t chld, during;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &during); /* `during` is the mask without SIGCHLD */
    struct sigaction sa = {0};
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    int p[2];
    if (pipe(p) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        volatile long x = 0;
        for (long i = 0; i < 200000; i++) x += i;
        _exit(3);
    }
    int r;
    if (use_ppoll) {
        struct pollfd fd = {p[0], POLLIN, 0};
        r = ppoll(&fd, 1, NULL, &during);
    } else {
        fd_set in;
        FD_ZERO(&in);
        FD_SET(p[0], &in);
        r = pselect(p[0] + 1, &in, NULL, NULL, NULL, &during);
    }
    int e = errno;
    int status;
    waitpid(child, &status, 0);
    printf("%s returned %d (%s), handler ran %d time(s), child exit %d\n", use_ppoll ? "ppoll" : "pselect", r,
           r < 0 ? strerror(e) : "ready", (int)children_ended, WEXITSTATUS(status));
    return 0;
}

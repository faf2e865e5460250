/* signalwait.c: waits for a child's exit the way GNU make -j and shells do. SIGCHLD is blocked
 * everywhere but in the waiting call, which unblocks it with a mask of its own: pselect6, ppoll,
 * epoll_pwait (on a pipe nobody writes) or rt_sigsuspend. The child's exit must interrupt the
 * wait (EINTR, the handler runs once), whether it comes while the parent waits ("late") or
 * before, while SIGCHLD is blocked and so stays pending ("early").
 * Usage: signalwait pselect|ppoll|epoll|sigsuspend early|late */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_child(int sig) {
    (void)sig;
    handled++;
}

static void sleep_ms(long ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: signalwait pselect|ppoll|epoll|sigsuspend early|late\n");
        return 2;
    }
    const char *how = argv[1];
    int early = strcmp(argv[2], "early") == 0;
    sigset_t chld, during;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &during); /* `during`: the mask as it was, SIGCHLD unblocked */
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
        if (!early) {
            sleep_ms(20);
        }
        _exit(3);
    }
    if (early) {
        sleep_ms(20); /* the child exits meanwhile: SIGCHLD is pending, blocked */
    }
    int r;
    if (strcmp(how, "pselect") == 0) {
        fd_set in;
        FD_ZERO(&in);
        FD_SET(p[0], &in);
        r = pselect(p[0] + 1, &in, NULL, NULL, NULL, &during);
    } else if (strcmp(how, "ppoll") == 0) {
        struct pollfd fd = {p[0], POLLIN, 0};
        r = ppoll(&fd, 1, NULL, &during);
    } else if (strcmp(how, "epoll") == 0) {
        int ep = epoll_create1(0);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = p[0]};
        epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
        struct epoll_event out;
        r = epoll_pwait(ep, &out, 1, -1, &during);
    } else {
        r = sigsuspend(&during);
    }
    int e = errno;
    int status;
    waitpid(child, &status, 0);
    printf("%s %s: returned %d (%s), handler ran %d time(s), child exit %d\n", how, argv[2], r,
           r < 0 ? strerror(e) : "ready", (int)handled, WEXITSTATUS(status));
    return 0;
}

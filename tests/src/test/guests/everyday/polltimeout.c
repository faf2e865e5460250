#define _GNU_SOURCE
/* polltimeout.c: select, pselect, poll, ppoll, epoll_wait and epoll_pwait2 on an empty pipe time out,
 * and print what the kernel leaves in their buffers then: the fd sets emptied, revents 0, no time
 * left. Buffers start stale (fd bit set, revents 7) to show that they are written. A second thread
 * exists so that vbench parks the calls rather than letting them through. With the argument
 * no-pwait2 it leaves out epoll_pwait2, which Valgrind 3.19 does not know. */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void *idle(void *arg) {
    (void) arg;
    usleep(200000);
    return NULL;
}

int main(int argc, char **argv) {
    int p[2];
    pipe(p);
    pthread_t t;
    pthread_create(&t, NULL, idle, NULL);

    fd_set in;
    FD_ZERO(&in);
    FD_SET(p[0], &in);
    struct timeval tv = {0, 10000};
    int r = select(p[0] + 1, &in, NULL, NULL, &tv);
    printf("select rc %d isset %d left %ld.%06ld\n", r, FD_ISSET(p[0], &in), (long) tv.tv_sec, (long) tv.tv_usec);

    FD_ZERO(&in);
    FD_SET(p[0], &in);
    struct timespec ts = {0, 10000000};
    r = pselect(p[0] + 1, &in, NULL, NULL, &ts, NULL);
    printf("pselect rc %d isset %d\n", r, FD_ISSET(p[0], &in));

    struct pollfd pf = {.fd = p[0], .events = POLLIN, .revents = 7};
    r = poll(&pf, 1, 10);
    printf("poll rc %d revents %d\n", r, pf.revents);

    pf.revents = 7;
    ts.tv_sec = 0;
    ts.tv_nsec = 10000000;
    r = ppoll(&pf, 1, &ts, NULL);
    printf("ppoll rc %d revents %d\n", r, pf.revents);

    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 42};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct epoll_event out = {.events = 7, .data.u64 = 7};
    r = epoll_wait(ep, &out, 1, 10);
    printf("epoll_wait rc %d events %u data %llu\n", r, out.events, (unsigned long long) out.data.u64);

#ifdef SYS_epoll_pwait2
    if (argc > 1 && strcmp(argv[1], "no-pwait2") == 0) {
        pthread_join(t, NULL);
        return 0;
    }
    struct timespec two = {0, 10000000};
    r = (int) syscall(SYS_epoll_pwait2, ep, &out, 1, &two, NULL, 8);
    printf("epoll_pwait2 rc %d timeout kept %ld\n", r, two.tv_nsec);
#endif
    pthread_join(t, NULL);
    return 0;
}

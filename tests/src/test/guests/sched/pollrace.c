/* Consumers race for tokens on one descriptor: each waits with poll, epoll_wait or select (with a
 * timeout) until the descriptor is readable, then reads one token; a producer writes BURST tokens at a
 * time, then sleeps PACE_US. Several consumers see the same token ready and only one gets it: the others must
 * wait again (blocking read) or see EAGAIN (non-blocking descriptor). Which consumer takes which
 * token goes into a log; the program prints the log's FNV-1a hash, how many tokens each consumer
 * took, the empty reads and the timeouts.
 * Usage: pollrace [poll|epoll|select] [pipe|eventfd|socket] [block|nonblock] [CONSUMERS TOKENS TIMEOUT_MS BURST PACE_US] */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONSUMERS 16
static const char *how = "poll", *kind = "pipe";
static int nonblock, consumers = 4, tokens = 2000, timeout_ms = 10000, burst = 40, pace = 50;
static int rfd, wfd, epfd;
static int next_token, *log_cons;
static int taken[MAX_CONSUMERS], empty[MAX_CONSUMERS], timeouts[MAX_CONSUMERS];
static volatile unsigned sink;

static void spin(unsigned n) { for (unsigned i = 0; i < n; i++) sink += i; }

static void die(const char *what) {
    perror(what);
    exit(2);
}

/* 1 when rfd is readable, 0 on timeout. */
static int wait_readable(void) {
    int r;
    if (!strcmp(how, "poll")) {
        struct pollfd p = {.fd = rfd, .events = POLLIN};
        r = poll(&p, 1, timeout_ms);
    } else if (!strcmp(how, "epoll")) {
        struct epoll_event e;
        r = epoll_wait(epfd, &e, 1, timeout_ms);
    } else {
        fd_set in;
        FD_ZERO(&in);
        FD_SET(rfd, &in);
        struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = timeout_ms % 1000 * 1000};
        r = select(rfd + 1, &in, NULL, NULL, &tv);
    }
    if (r < 0) die(how);
    return r > 0;
}

/* 1 if a token was read, 0 if another consumer had taken it (EAGAIN). */
static int read_token(void) {
    uint64_t v;
    ssize_t n = read(rfd, &v, !strcmp(kind, "eventfd") ? 8 : 1);
    if (n < 0 && errno == EAGAIN) return 0;
    if (n <= 0) die("read");
    return 1;
}

static void *consume(void *arg) {
    int c = (int)(intptr_t)arg;
    for (;;) {
        if (!wait_readable()) {
            timeouts[c]++;
            continue;
        }
        if (!read_token()) {
            empty[c]++;
            continue;
        }
        int k = __atomic_fetch_add(&next_token, 1, __ATOMIC_SEQ_CST);
        if (k >= tokens) return NULL; /* one stop token per consumer follows the real ones */
        log_cons[k] = c;
        taken[c]++;
        spin(150 + 41 * c + k % 7 * 13);
    }
}

static void put_token(void) {
    uint64_t one = 1;
    if (write(wfd, &one, !strcmp(kind, "eventfd") ? 8 : 1) <= 0) die("write");
}

int main(int argc, char **argv) {
    if (argc > 1) how = argv[1];
    if (argc > 2) kind = argv[2];
    if (argc > 3) nonblock = !strcmp(argv[3], "nonblock");
    if (argc > 4) consumers = atoi(argv[4]);
    if (argc > 5) tokens = atoi(argv[5]);
    if (argc > 6) timeout_ms = atoi(argv[6]);
    if (argc > 7) burst = atoi(argv[7]);
    if (argc > 8) pace = atoi(argv[8]);
    if (burst < 1) burst = 1;
    if (consumers < 1 || consumers > MAX_CONSUMERS) consumers = 4;
    int fds[2];
    if (!strcmp(kind, "pipe")) {
        if (pipe(fds)) die("pipe");
        rfd = fds[0], wfd = fds[1];
    } else if (!strcmp(kind, "socket")) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds)) die("socketpair");
        rfd = fds[0], wfd = fds[1];
    } else {
        rfd = wfd = eventfd(0, EFD_SEMAPHORE); /* each read takes one token */
        if (rfd < 0) die("eventfd");
    }
    if (nonblock && fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK)) die("fcntl");
    if (!strcmp(how, "epoll")) {
        epfd = epoll_create1(0);
        struct epoll_event e = {.events = EPOLLIN};
        if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, rfd, &e)) die("epoll");
    }
    log_cons = calloc(tokens, sizeof *log_cons);
    pthread_t th[MAX_CONSUMERS];
    for (int c = 0; c < consumers; c++) pthread_create(&th[c], NULL, consume, (void *)(intptr_t)c);
    for (int k = 0; k < tokens + consumers; k++) {
        put_token();
        if (k % burst == burst - 1) {
            spin(400 + k % 11 * 29);
            usleep(pace + k % 5 * 7); /* consumers drain the descriptor meanwhile */
        }
    }
    for (int c = 0; c < consumers; c++) pthread_join(th[c], NULL);
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < tokens; k++) h = (h ^ (unsigned)log_cons[k]) * 1099511628211ULL;
    printf("%s %s %s consumers %d tokens %d log %016llx\n", how, kind, nonblock ? "nonblock" : "block", consumers,
           tokens, (unsigned long long)h);
    for (int c = 0; c < consumers; c++)
        printf("consumer %d took %d empty %d timeouts %d\n", c, taken[c], empty[c], timeouts[c]);
    return 0;
}

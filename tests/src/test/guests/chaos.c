/* chaos.c MARKER SHAPE LOOPS: a guest tree made to be hard to clean up, for the fault-injection
 * campaign (FaultInjectionTest). Every process carries MARKER in its command line (none execs).
 * SHAPE:
 *   fork     the root forks 2 children, each forks a grandchild;
 *   setsid   a child forks a grandchild that calls setsid() (a new session and process group) and
 *            the child exits at once, so the grandchild is orphaned outside vbench's process group;
 *   threads  the root starts 4 threads, and forks one child that starts 2 more;
 *   sigblock every process blocks every signal it can and ignores SIGINT, SIGTERM, SIGHUP; the root
 *            forks 2 children that do the same;
 *   mix      all of the above at once.
 * Each process and thread then loops LOOPS times over getppid() and a 10 us nanosleep, writing a
 * line to stdout every 100 loops; the root waits for its children and exits 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long loops = 1000;

static void work(const char *who) {
    struct timespec ts = {0, 10000};
    for (long i = 0; i < loops; i++) {
        getppid();
        nanosleep(&ts, NULL);
        if (i % 100 == 0) {
            printf("%s %ld\n", who, i);
            fflush(stdout);
        }
    }
}

static void *thread_main(void *arg) {
    work((const char *)arg);
    return NULL;
}

static void block_signals(void) {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL); /* the kernel keeps SIGKILL and SIGSTOP deliverable */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
}

static void threads(int n, const char *who) {
    pthread_t t[8];
    for (int i = 0; i < n; i++) pthread_create(&t[i], NULL, thread_main, (void *)who);
    work(who);
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
}

static int has(const char *shape, const char *what) {
    return strcmp(shape, what) == 0 || strcmp(shape, "mix") == 0;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: chaos MARKER fork|setsid|threads|sigblock|mix LOOPS\n");
        return 2;
    }
    const char *shape = argv[2];
    loops = atol(argv[3]);
    if (has(shape, "sigblock")) block_signals();
    if (has(shape, "fork") || has(shape, "sigblock")) {
        for (int i = 0; i < 2; i++) {
            if (fork() == 0) {
                if (fork() == 0) { work("grandchild"); _exit(0); }
                work("child");
                wait(NULL);
                _exit(0);
            }
        }
    }
    if (has(shape, "setsid")) {
        pid_t c = fork();
        if (c == 0) {
            if (fork() == 0) {
                setsid();
                work("session");
                _exit(0);
            }
            _exit(0);
        }
        waitpid(c, NULL, 0);
    }
    if (has(shape, "threads")) {
        if (fork() == 0) { threads(2, "thread-child"); _exit(0); }
        threads(4, "thread");
    } else {
        work("root");
    }
    while (wait(NULL) > 0) {}
    return 0;
}

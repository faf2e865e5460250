/* procsignal.c: a signal sent to a process goes to one of its threads. Both threads catch SIGCHLD
 * and do not block it; a worker waits in poll on a pipe while the main thread waits for a child.
 * Whichever thread takes the child's SIGCHLD, the other must go on waiting: under vbench a worker
 * released for a signal its main thread took used to block in the kernel until the wall-clock
 * watchdog came (node's worker threads did so in every run). Prints who took it, and that the
 * worker then read the main thread's byte.
 * Usage: procsignal */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int p[2];
static pthread_t main_thread;
static volatile sig_atomic_t by_main, by_worker;

static void on_child(int sig) {
    (void)sig;
    if (pthread_equal(pthread_self(), main_thread)) {
        by_main++;
    } else {
        by_worker++;
    }
}

static void *worker(void *arg) {
    (void)arg;
    struct pollfd fd = {p[0], POLLIN, 0};
    int interrupted = 0;
    while (poll(&fd, 1, -1) < 0) {
        if (errno != EINTR) {
            perror("poll");
            return NULL;
        }
        interrupted++;
    }
    char c;
    if (read(p[0], &c, 1) != 1) {
        perror("read");
    }
    printf("worker: poll interrupted %d time(s), read '%c'\n", interrupted, c);
    return NULL;
}

int main(void) {
    main_thread = pthread_self();
    struct sigaction sa = {0};
    sa.sa_handler = on_child;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    if (pipe(p) != 0) {
        perror("pipe");
        return 1;
    }
    pthread_t w;
    pthread_create(&w, NULL, worker, NULL);
    usleep(1000); /* the worker is in poll */
    pid_t child = fork();
    if (child == 0) {
        _exit(0);
    }
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    usleep(2000); /* the worker runs meanwhile: if the main thread took SIGCHLD, it must wait on */
    if (write(p[1], "x", 1) != 1) {
        perror("write");
    }
    pthread_join(w, NULL);
    printf("SIGCHLD taken %d time(s) in all\n", by_main + by_worker);
    return 0;
}

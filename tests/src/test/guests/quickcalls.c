/* Loops of identity calls (getpid, getppid, gettid, the user and group ids), which vbench's tracer
 * answers without its supervisor while the calling thread runs alone, between other events that
 * end such runs. Prints what it saw, and in which order its threads and signals came, so that a
 * run with quick calls and one without can be compared line by line.
 *
 *   quickcalls alone N         one thread, N rounds, a line every 1000
 *   quickcalls threads T N     T threads one after another (each waits for the one before on a
 *                              futex), N rounds each; with T > 1 also a thread that sleeps 1 ms 20 times
 *   quickcalls fork N          a child makes N rounds while its parent waits for it
 *   quickcalls timer N         N rounds under a 200 us interval timer whose signals are counted
 *   quickcalls clocks N        N rounds of clock reads (every clock id, through glibc and raw;
 *                              gettimeofday and time with and without their pointers), between
 *                              identity calls; a bad clock id and bad addresses once
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long mix(unsigned long h, long v) {
    return (h ^ (unsigned long)v) * 0x100000001B3UL;
}

/* One round: every call the tracer may answer, by raw syscall (glibc caches none of them now, but
 * it once cached getpid). */
static unsigned long round_of_calls(unsigned long h) {
    h = mix(h, syscall(SYS_getpid));
    h = mix(h, syscall(SYS_getppid));
    h = mix(h, syscall(SYS_gettid));
    h = mix(h, syscall(SYS_getuid));
    h = mix(h, syscall(SYS_geteuid));
    h = mix(h, syscall(SYS_getgid));
    h = mix(h, syscall(SYS_getegid));
    h = mix(h, syscall(SYS_getgroups, 0, NULL));
    return h;
}

static unsigned long rounds(long n, int report) {
    unsigned long h = 1469598103934665603UL;
    for (long i = 0; i < n; i++) {
        h = round_of_calls(h);
        if (report && (i + 1) % 1000 == 0) {
            printf("round %ld: %016lx\n", i + 1, h);
        }
    }
    return h;
}

/* threads: each waits for its turn on a futex word, makes its rounds, and hands the turn on. */
static int turn;
static long per_thread;
static char order[256];
static int order_len;
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;

static void note(char c) {
    pthread_mutex_lock(&order_lock);
    if (order_len < (int)sizeof order - 1) order[order_len++] = c;
    pthread_mutex_unlock(&order_lock);
}

static void *worker(void *arg) {
    int me = (int)(long)arg;
    while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me) {
        syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, __atomic_load_n(&turn, __ATOMIC_ACQUIRE), NULL, NULL, 0);
    }
    note('a' + me);
    unsigned long h = rounds(per_thread, 0);
    note('A' + me);
    __atomic_store_n(&turn, me + 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1 << 30, NULL, NULL, 0);
    return (void *)h;
}

static void *sleeper(void *arg) {
    (void)arg;
    struct timespec ms = {0, 1000000};
    for (int i = 0; i < 20; i++) {
        nanosleep(&ms, NULL);
        note('z');
    }
    return NULL;
}

static int threads(int t, long n) {
    pthread_t ids[16], sleeping;
    if (t < 1 || t > 16) return 2;
    per_thread = n;
    if (t > 1) pthread_create(&sleeping, NULL, sleeper, NULL);
    for (long i = 0; i < t; i++) pthread_create(&ids[i], NULL, worker, (void *)i);
    for (int i = 0; i < t; i++) {
        void *h;
        pthread_join(ids[i], &h);
        printf("thread %d: %016lx\n", i, (unsigned long)h);
    }
    if (t > 1) pthread_join(sleeping, NULL);
    printf("order: %s\n", order);
    return 0;
}

static int forked(long n) {
    pid_t child = fork();
    if (child == 0) {
        printf("child: %016lx\n", rounds(n, 0));
        return 0;
    }
    int status;
    waitpid(child, &status, 0);
    printf("parent: child exited %d\n", WEXITSTATUS(status));
    return 0;
}

static volatile long signals_seen;
static volatile unsigned long signal_points = 1469598103934665603UL;
static volatile long round_now;

static void on_alarm(int sig) {
    (void)sig;
    signals_seen++;
    signal_points = mix(signal_points, round_now);
}

static int timed(long n) {
    signal(SIGALRM, on_alarm);
    struct itimerval every = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &every, NULL);
    unsigned long h = 1469598103934665603UL;
    for (long i = 0; i < n; i++) {
        round_now = i;
        h = round_of_calls(h);
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("rounds: %016lx, signals: %ld at %016lx\n", h, signals_seen, signal_points);
    return 0;
}

static unsigned long read_clocks(unsigned long h) {
    struct timespec ts;
    for (int id = 0; id <= 11; id++) {
        long r = syscall(SYS_clock_gettime, id, &ts);
        h = mix(mix(mix(h, r), ts.tv_sec), ts.tv_nsec);
    }
    clock_gettime(CLOCK_MONOTONIC, &ts); /* glibc's way: the vDSO, where there is one */
    h = mix(mix(h, ts.tv_sec), ts.tv_nsec);
    struct timeval tv;
    struct timezone tz = {1, 1};
    h = mix(h, syscall(SYS_gettimeofday, &tv, NULL));
    h = mix(mix(h, tv.tv_sec), tv.tv_usec);
    h = mix(h, syscall(SYS_gettimeofday, &tv, &tz));
    h = mix(mix(mix(mix(h, tv.tv_sec), tv.tv_usec), tz.tz_minuteswest), tz.tz_dsttime);
    h = mix(h, syscall(SYS_gettimeofday, NULL, NULL));
    time_t t = 0;
    h = mix(h, syscall(SYS_time, NULL));
    h = mix(mix(h, syscall(SYS_time, &t)), t);
    return h;
}

static int clocks(long n) {
    struct timespec first, last;
    clock_gettime(CLOCK_REALTIME, &first);
    unsigned long h = 1469598103934665603UL;
    for (long i = 0; i < n; i++) {
        h = read_clocks(round_of_calls(h));
        if (i == n / 2) {
            struct timespec ts;
            long bad_id = syscall(SYS_clock_gettime, 99, &ts);
            long bad_address = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8);
            long bad_timeval = syscall(SYS_gettimeofday, (void *)8, NULL);
            long bad_time = syscall(SYS_time, (void *)8);
            printf("bad id %ld, bad address %ld, bad timeval %ld, bad time %ld\n", bad_id, bad_address, bad_timeval,
                   bad_time);
        }
    }
    clock_gettime(CLOCK_REALTIME, &last);
    long long ns = (last.tv_sec - first.tv_sec) * 1000000000LL + (last.tv_nsec - first.tv_nsec);
    printf("clocks: %016lx, %lld ns between the first and last read\n", h, ns);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "alone") == 0) {
        printf("alone: %016lx\n", rounds(atol(argv[2]), 1));
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "threads") == 0) return threads(atoi(argv[2]), atol(argv[3]));
    if (argc >= 3 && strcmp(argv[1], "fork") == 0) return forked(atol(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "timer") == 0) return timed(atol(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "clocks") == 0) return clocks(atol(argv[2]));
    fprintf(stderr, "usage: quickcalls alone N | threads T N | fork N | timer N | clocks N\n");
    return 2;
}

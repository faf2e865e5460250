/* Sleeps and timeouts, each measured with CLOCK_MONOTONIC (nanoseconds, so natively the numbers
 * vary): nanosleep of SLEEP_S seconds; pthread_cond_timedwait that times out after 1.5 s (nobody
 * signals) while another thread sleeps; poll() with a 500 ms timeout on an empty pipe.
 * Usage: timeouts [SLEEP_S] */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *sleeper(void *arg) {
    (void)arg;
    struct timespec d = {0, 200 * 1000000L};
    nanosleep(&d, NULL);
    return NULL;
}

int main(int argc, char **argv) {
    double sleep_s = argc > 1 ? atof(argv[1]) : 10;
    long long t0 = now_ns();
    struct timespec d = {(time_t)sleep_s, (long)((sleep_s - (time_t)sleep_s) * 1e9)};
    while (nanosleep(&d, &d) != 0 && errno == EINTR) {}
    long long t1 = now_ns();
    printf("sleep_ns=%lld\n", t1 - t0);

    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &ca);
    pthread_t other;
    pthread_create(&other, NULL, sleeper, NULL);
    pthread_mutex_lock(&mu);
    long long c0 = now_ns();
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_sec += 1;
    abs.tv_nsec += 500000000L;
    if (abs.tv_nsec >= 1000000000L) { abs.tv_sec++; abs.tv_nsec -= 1000000000L; }
    int rc;
    do {
        rc = pthread_cond_timedwait(&cv, &mu, &abs);
    } while (rc == 0);
    long long c1 = now_ns();
    pthread_mutex_unlock(&mu);
    pthread_join(other, NULL);
    printf("condwait_rc=%s\ncondwait_ns=%lld\n", rc == ETIMEDOUT ? "ETIMEDOUT" : strerror(rc), c1 - c0);

    int fd[2];
    pipe(fd);
    struct pollfd p = {fd[0], POLLIN, 0};
    long long p0 = now_ns();
    int pr = poll(&p, 1, 500);
    long long p1 = now_ns();
    printf("poll_rc=%d\npoll_ns=%lld\n", pr, p1 - p0);
    return 0;
}

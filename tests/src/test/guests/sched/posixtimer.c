/* posixtimer.c: POSIX timers as programs use them, printing only what does not depend on speed.
 * Under vbench they run on virtual time; before, they ran in the kernel on wall time, so a timer
 * never beat a sleep (which takes no wall time under vbench) and fired at no fixed point.
 * Build with -lrt -pthread. Usage: posixtimer */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, got_code, got_value, alarms;
static sem_t notified;
static volatile int notify_value;

static void on_rt(int sig, siginfo_t *info, void *ctx) {
    (void)sig;
    (void)ctx;
    got++;
    got_code = info->si_code;
    got_value = info->si_value.sival_int;
}

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
}

static void on_notify(union sigval v) {
    notify_value = v.sival_int;
    sem_post(&notified);
}

static void arm(timer_t t, long value_ms, long interval_ms, int flags, const struct timespec *base) {
    struct itimerspec its = {{interval_ms / 1000, interval_ms % 1000 * 1000000L}, {value_ms / 1000, value_ms % 1000 * 1000000L}};
    if (base) {
        its.it_value.tv_sec += base->tv_sec;
        its.it_value.tv_nsec += base->tv_nsec;
        if (its.it_value.tv_nsec >= 1000000000L) {
            its.it_value.tv_sec++;
            its.it_value.tv_nsec -= 1000000000L;
        }
    }
    if (timer_settime(t, flags, &its, NULL) != 0) {
        perror("timer_settime");
    }
}

int main(void) {
    struct sigaction sa = {0};
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    signal(SIGALRM, on_alarm);

    /* 1. SIGEV_SIGNAL with a value, delivered with SI_TIMER while the program sleeps */
    struct sigevent sev = {0};
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 42;
    timer_t t1;
    timer_create(CLOCK_MONOTONIC, &sev, &t1);
    arm(t1, 50, 0, 0, NULL);
    struct timespec second = {1, 0}, left;
    int r = nanosleep(&second, &left);
    printf("1: sleep %s, signals %d, SI_TIMER %s, value %d\n", r < 0 && errno == EINTR ? "interrupted" : "not interrupted",
           (int)got, got_code == SI_TIMER ? "yes" : "no", (int)got_value);

    /* 2. a NULL sigevent (SIGALRM), repeating every 10 ms; gettime shows the interval */
    timer_t t2;
    timer_create(CLOCK_REALTIME, NULL, &t2);
    arm(t2, 10, 10, 0, NULL);
    sigset_t none;
    sigemptyset(&none);
    while (alarms < 5) {
        pause();
    }
    struct itimerspec cur;
    timer_gettime(t2, &cur);
    printf("2: %d alarms, interval %ld ms, armed %s\n", (int)alarms, cur.it_interval.tv_nsec / 1000000,
           cur.it_value.tv_sec || cur.it_value.tv_nsec ? "yes" : "no");
    timer_delete(t2);

    /* 3. an absolute expiry on the monotonic clock */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    got = 0;
    arm(t1, 30, 0, TIMER_ABSTIME, &now);
    r = nanosleep(&second, &left);
    printf("3: absolute expiry %s the sleep, %ld ms of it left\n", r < 0 && got ? "ended" : "did not end",
           (left.tv_nsec / 1000000 + 5) / 10 * 10 + left.tv_sec * 1000);

    /* 4. SIGEV_THREAD: glibc runs the function in a thread it starts */
    sem_init(&notified, 0, 0);
    struct sigevent tev = {0};
    tev.sigev_notify = SIGEV_THREAD;
    tev.sigev_notify_function = on_notify;
    tev.sigev_value.sival_int = 7;
    timer_t t3;
    if (timer_create(CLOCK_MONOTONIC, &tev, &t3) != 0) {
        perror("timer_create");
    }
    arm(t3, 20, 0, 0, NULL);
    sem_wait(&notified);
    printf("4: thread notification ran with value %d\n", notify_value);

    /* 5. a disarmed timer reads zero; a deleted one is gone */
    arm(t1, 0, 0, 0, NULL);
    timer_gettime(t1, &cur);
    timer_delete(t1);
    printf("5: disarmed reads %ld, gettime after delete: %s\n", cur.it_value.tv_sec + cur.it_value.tv_nsec,
           timer_gettime(t1, &cur) < 0 && errno == EINVAL ? "EINVAL" : "no error");
    return 0;
}

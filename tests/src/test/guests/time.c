/* time.c: prints every clock a program can read, then checks that time moves forward.
 * Varies natively: every value (wall clock, uptime, CPU time, resolution of coarse clocks
 * depends on the kernel's HZ only, but the readings change on every run).
 * Output: one "name=value" line per reading; "forward.<clock>=1" when two successive reads
 * strictly increase (for gettimeofday, whose unit is 1 us: 1 if later, 0 if equal, -1 if earlier). */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static void clk(const char *name, clockid_t id) {
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) { printf("%s=error\n", name); return; }
    printf("%s=%lld.%09ld\n", name, (long long)ts.tv_sec, ts.tv_nsec);
}

static void res(const char *name, clockid_t id) {
    struct timespec ts;
    if (clock_getres(id, &ts) != 0) { printf("res.%s=error\n", name); return; }
    printf("res.%s=%lld.%09ld\n", name, (long long)ts.tv_sec, ts.tv_nsec);
}

static long long ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void forward(const char *name, clockid_t id) {
    long long a = ns(id), b = ns(id);
    printf("forward.%s=%d\n", name, b > a);
}

int main(void) {
    clk("realtime", CLOCK_REALTIME);
    clk("monotonic", CLOCK_MONOTONIC);
    clk("boottime", CLOCK_BOOTTIME);
    clk("process_cputime", CLOCK_PROCESS_CPUTIME_ID);
    clk("thread_cputime", CLOCK_THREAD_CPUTIME_ID);
    clk("monotonic_coarse", CLOCK_MONOTONIC_COARSE);
    clk("realtime_coarse", CLOCK_REALTIME_COARSE);
    clk("monotonic_raw", CLOCK_MONOTONIC_RAW);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday=%lld.%06ld\n", (long long)tv.tv_sec, (long)tv.tv_usec);
    printf("time=%lld\n", (long long)time(NULL));
    res("realtime", CLOCK_REALTIME);
    res("monotonic", CLOCK_MONOTONIC);
    res("monotonic_coarse", CLOCK_MONOTONIC_COARSE);
    res("process_cputime", CLOCK_PROCESS_CPUTIME_ID);
    forward("realtime", CLOCK_REALTIME);
    forward("monotonic", CLOCK_MONOTONIC);
    forward("boottime", CLOCK_BOOTTIME);
    forward("process_cputime", CLOCK_PROCESS_CPUTIME_ID);
    struct timeval t1, t2;
    gettimeofday(&t1, NULL);
    gettimeofday(&t2, NULL);
    printf("forward.gettimeofday=%d\n", timercmp(&t2, &t1, >) ? 1 : timercmp(&t2, &t1, ==) ? 0 : -1);
    return 0;
}

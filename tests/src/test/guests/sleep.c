/* sleep.c: sleeps 10 s with nanosleep (argv[1] seconds if given) and prints how much
 * CLOCK_MONOTONIC and CLOCK_REALTIME advanced. Natively it takes 10 s of wall time. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int secs = argc > 1 ? atoi(argv[1]) : 10;
    double m0 = now(CLOCK_MONOTONIC), r0 = now(CLOCK_REALTIME);
    struct timespec req = {secs, 0}, rem;
    if (nanosleep(&req, &rem) != 0) { perror("nanosleep"); return 2; }
    double m1 = now(CLOCK_MONOTONIC), r1 = now(CLOCK_REALTIME);
    printf("slept.monotonic=%.9f\n", m1 - m0);
    printf("slept.realtime=%.9f\n", r1 - r0);
    return 0;
}

/* tscspin.c [TICKS]: polls the time stamp counter until it has moved TICKS on (a spin-wait as
 * OpenBLAS's idle workers do it), then reads CLOCK_MONOTONIC and the TSC once more. Prints how
 * many reads the wait took, how many went backwards, and the last TSC reads around the clock read,
 * so that a test can check that the TSC and the clock agree. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <x86intrin.h>

int main(int argc, char **argv) {
    unsigned long long ticks = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    unsigned long long start = __rdtsc(), prev = start, now;
    long reads = 1, backwards = 0;
    do {
        now = __rdtsc();
        reads++;
        backwards += now < prev;
        prev = now;
    } while (now - start < ticks);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    unsigned long long after = __rdtsc();
    printf("reads=%ld\nbackwards=%ld\nbefore=%llu\nmono=%llu\nafter=%llu\n", reads, backwards, now,
           (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec, after);
    return 0;
}

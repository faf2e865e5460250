/* workunits.c: counts how many work units fit in 20 ms of the guest's own CLOCK_MONOTONIC. A unit
 * is K (argv[1] = 1) or 2K (argv[1] = 2) iterations of a loop with a data-dependent conditional
 * branch; after each unit the guest reads the clock and stops once 20 ms have elapsed.
 * Natively the count depends on the CPU's speed and load; under vbench with a counter, time is
 * counted work, so the count is the same on every run and halves when the unit doubles. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define K 20000

static volatile unsigned sink;

static long ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void unit(int mult) {
    unsigned x = sink;
    for (int i = 0; i < K * mult; i++) {
        if ((x ^ (unsigned)i) & 1) x = x * 3 + 1; else x >>= 1;
        __asm__ volatile("" : "+r"(x));
    }
    sink = x;
}

int main(int argc, char **argv) {
    int mult = argc > 1 ? atoi(argv[1]) : 1;
    if (mult < 1) { fprintf(stderr, "usage: workunits 1|2\n"); return 2; }
    long start = ns(), count = 0;
    do {
        unit(mult);
        count++;
    } while (ns() - start < 20000000L);
    printf("units=%ld\n", count);
    return 0;
}

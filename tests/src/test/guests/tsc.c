/* tsc.c [N]: reads the time stamp counter around a loop of N additions and around one of 2N, and
 * prints the two differences. Natively they vary from run to run; under --counter valgrind the
 * TSC is virtual time, which the loop's own branches advance, so the second is twice the first. */
#include <stdio.h>
#include <stdlib.h>
#include <x86intrin.h>

static volatile long sink;

static unsigned long long loop(long n) {
    unsigned long long start = __rdtsc();
    for (long i = 0; i < n; i++) sink += i;
    return __rdtsc() - start;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    unsigned long long once = loop(n);
    unsigned long long twice = loop(2 * n);
    printf("once=%llu\ntwice=%llu\n", once, twice);
    return 0;
}

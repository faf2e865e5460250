/* Sorts N pseudo-random ints (fixed LCG seed) with libc qsort; prints a checksum.
   Usage: qsort [N]   (default 200000). Deterministic: same N, same work. */
#include <stdio.h>
#include <stdlib.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    if (n <= 0) {
        fprintf(stderr, "usage: qsort N (N > 0)\n");
        return 2;
    }
    int *a = malloc((size_t)n * sizeof *a);
    if (!a) {
        perror("malloc");
        return 1;
    }
    unsigned int state = 12345u; /* fixed seed */
    for (long i = 0; i < n; i++) {
        state = state * 1103515245u + 12345u; /* classic LCG */
        a[i] = (int)(state >> 1);
    }
    qsort(a, (size_t)n, sizeof *a, cmp_int);
    unsigned long sum = 0;
    for (long i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            fprintf(stderr, "not sorted at %ld\n", i);
            return 1;
        }
        sum = sum * 31u + (unsigned int)a[i];
    }
    printf("sorted %ld ints, checksum %lu\n", n, sum);
    free(a);
    return 0;
}

/* qsorts.c: sorts R arrays of N pseudo-random ints (a fixed LCG) with libc's qsort, CPU-bound and
 * the same work on every run; prints a checksum. Usage: qsorts R N (issue 15's row: 30 200000) */
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long r = argc > 2 ? atol(argv[1]) : 30, n = argc > 2 ? atol(argv[2]) : 200000;
    int *a = malloc(n * sizeof *a);
    if (!a || r <= 0 || n <= 0) { fprintf(stderr, "usage: qsorts R N\n"); return 2; }
    unsigned int s = 12345;
    unsigned long long sum = 0;
    for (long k = 0; k < r; k++) {
        for (long i = 0; i < n; i++) { s = s * 1103515245u + 12345u; a[i] = (int)(s >> 1); }
        qsort(a, n, sizeof *a, cmp);
        sum = sum * 31 + (unsigned)a[n / 2];
    }
    printf("checksum %llx\n", sum);
    free(a);
    return 0;
}

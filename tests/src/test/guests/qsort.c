/* qsort.c: sorts N pseudo-random ints (a fixed LCG, so the work is the same on every run) with
 * libc's qsort and prints a checksum of the sorted array. A purely computational guest: under a
 * counter its instruction and branch counts depend only on N. Usage: qsort N */
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    if (n <= 0) { fprintf(stderr, "usage: qsort N\n"); return 2; }
    int *a = malloc(n * sizeof *a);
    if (!a) { perror("malloc"); return 2; }
    unsigned int s = 12345;
    for (long i = 0; i < n; i++) { s = s * 1103515245u + 12345u; a[i] = (int)(s >> 1); }
    qsort(a, n, sizeof *a, cmp);
    unsigned long long sum = 0;
    for (long i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) { printf("not sorted at %ld\n", i); return 1; }
        sum = sum * 31 + (unsigned)a[i];
    }
    printf("sorted %ld checksum %llx\n", n, sum);
    free(a);
    return 0;
}

/* omp.c: many short OpenMP parallel loops (libgomp, its default spin-then-sleep waiting), about
 * 0.1 s natively: the case where a spinning runtime meets one-thread-at-a-time execution.
 * Prints a checksum. Build: gcc -O2 -fopenmp omp.c. Usage: omp [REGIONS] */
#include <stdio.h>
#include <stdlib.h>

#define N 100000

static double a[N];

int main(int argc, char **argv) {
    int regions = argc > 1 ? atoi(argv[1]) : 200;
    double total = 0;
    for (int r = 0; r < regions; r++) {
        double sum = 0;
#pragma omp parallel for reduction(+ : sum)
        for (int i = 0; i < N; i++) {
            a[i] = a[i] * 0.5 + (i % 7) * r;
            sum += a[i];
        }
        total += sum;
    }
    printf("%.0f\n", total);
    return 0;
}

/* OpenMP parallel-for regions with libgomp's default waiting (spin, then sleep): ROUNDS rounds, each
 * a parallel region with two worksharing loops (an implicit barrier after each) and an explicit
 * barrier. Integer sums only, so the printed result does not depend on the order of the threads.
 * Usage: omp [ROUNDS N] (compile with -fopenmp) */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    int n = argc > 2 ? atoi(argv[2]) : 20000;
    unsigned *a = malloc(sizeof *a * n);
    unsigned long long total = 0;
    int threads = 0;
    for (int r = 0; r < rounds; r++) {
        unsigned long long sum = 0;
#pragma omp parallel
        {
#pragma omp for schedule(static)
            for (int i = 0; i < n; i++) a[i] = (unsigned)i * 2654435761u + (unsigned)r;
#pragma omp barrier
#pragma omp for schedule(static) reduction(+ : sum)
            for (int i = 0; i < n; i++) sum += a[(i * 7 + r) % n] >> 7;
#pragma omp single
            threads = omp_get_num_threads();
        }
        total = total * 31 + sum;
    }
    printf("threads %d rounds %d n %d total %llu\n", threads, rounds, n, total);
    free(a);
    return 0;
}

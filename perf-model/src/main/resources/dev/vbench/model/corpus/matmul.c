/* Dense linear algebra: C = A x B for SIZE x SIZE double matrices in the naive loop order (B read
 * down its columns), then every row of C scaled by its norm (a square root and a division per
 * row, a division per element). Floating point, cache misses, long-latency operations.
 * SIZE: the matrices' order. */
#include <math.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    double *a = malloc(sizeof(double) * (size_t) (n * n)), *b = malloc(sizeof(double) * (size_t) (n * n)),
           *c = malloc(sizeof(double) * (size_t) (n * n));
    if (a == NULL || b == NULL || c == NULL) {
        perror("malloc");
        return 1;
    }
    uint64_t state = 0x94D049BB133111EBULL;
    for (long i = 0; i < n * n; i++) {
        a[i] = (double) (corpus_next(&state) >> 11) * 0x1.0p-53;
        b[i] = (double) (corpus_next(&state) >> 11) * 0x1.0p-53;
    }
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            double s = 0;
            for (long k = 0; k < n; k++) {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
    double total = 0;
    for (long i = 0; i < n; i++) {
        double norm = 0;
        for (long j = 0; j < n; j++) {
            norm += c[i * n + j] * c[i * n + j];
        }
        norm = sqrt(norm) + 1.0;
        for (long j = 0; j < n; j++) {
            c[i * n + j] /= norm;
            total += c[i * n + j];
        }
    }
    corpus_result("matmul", (uint64_t) (total * 1e6));
    free(a);
    free(b);
    free(c);
    return 0;
}

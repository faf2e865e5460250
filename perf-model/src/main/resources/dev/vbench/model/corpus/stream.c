/* Streaming memory: the STREAM triad a = b + s*c over three 32 MiB arrays, together three times
 * the last-level cache. SIZE: number of passes. */
#include "corpus_util.h"

#define ELEMS (4u << 20) /* 4 Mi doubles = 32 MiB per array */

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    double *a = malloc(sizeof(double) * ELEMS), *b = malloc(sizeof(double) * ELEMS),
           *c = malloc(sizeof(double) * ELEMS);
    if (a == NULL || b == NULL || c == NULL) {
        perror("malloc");
        return 1;
    }
    for (uint32_t i = 0; i < ELEMS; i++) {
        a[i] = 0;
        b[i] = i * 0.5;
        c[i] = i * 0.25;
    }
    for (long pass = 0; pass < n; pass++) {
        double s = 1.0 + (double) pass * 1e-3;
        for (uint32_t i = 0; i < ELEMS; i++) {
            a[i] = b[i] + s * c[i];
        }
        double *t = b; /* rotate so every pass reads what the last one wrote */
        b = a;
        a = t;
    }
    corpus_result("stream", (uint64_t) b[ELEMS / 3]);
    return 0;
}

/* Floating point: dependent multiply-adds, a division and a square root per step.
 * SIZE: number of steps. */
#include <math.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    double a = 1.0, b = 0.5, c = 0.25;
    for (long i = 0; i < n; i++) {
        a = a * 0.999999 + b * 1e-6;
        b = sqrt(b * b + c) / (1.0 + c);
        c = c * 0.5 + a / (1.0 + (double) (i & 1023));
    }
    corpus_result("float_math", (uint64_t) ((a + b + c) * 1e9));
    return 0;
}

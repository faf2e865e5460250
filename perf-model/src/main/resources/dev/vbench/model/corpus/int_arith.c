/* Integer arithmetic: multiplies, shifts, xors and a division per step, no memory traffic.
 * SIZE: number of steps. */
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint64_t h = 0x9E3779B97F4A7C15ULL, acc = 1;
    for (long i = 0; i < n; i++) {
        h = h * 6364136223846793005ULL + (uint64_t) i;
        acc ^= h >> 17;
        acc += (h >> 32) % 1000003u;
        acc = (acc << 7) | (acc >> 57);
    }
    corpus_result("int_arith", acc);
    return 0;
}

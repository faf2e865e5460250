/* Unpredictable conditional branches: each step branches on a fresh pseudo-random bit. The empty
 * volatile asm in one arm keeps gcc from turning the branch into a conditional move.
 * SIZE: number of steps. */
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint64_t state = 88172645463325252ULL, s = 0, t = 0;
    for (long i = 0; i < n; i++) {
        uint64_t r = corpus_next(&state);
        if (r & 1) {
            __asm__ volatile("");
            s += r >> 3;
        } else {
            t ^= r;
        }
        if (r & 0x100) {
            __asm__ volatile("");
            s ^= t;
        }
    }
    corpus_result("branchy", s + t);
    return 0;
}

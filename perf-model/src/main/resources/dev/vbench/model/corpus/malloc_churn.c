/* Allocation-heavy: each step frees a pseudo-randomly chosen live block and allocates a new one of
 * a pseudo-random size (16 B to 8 KiB), touching it. SIZE: number of malloc/free pairs. */
#include <string.h>
#include "corpus_util.h"

#define SLOTS 8192

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    static unsigned char *slot[SLOTS];
    uint64_t state = 0x853C49E6748FEA9BULL, sum = 0;
    for (long i = 0; i < n; i++) {
        uint64_t r = corpus_next(&state);
        unsigned idx = (unsigned) (r % SLOTS);
        size_t size = 16 + (size_t) ((r >> 20) % 8177);
        free(slot[idx]);
        slot[idx] = malloc(size);
        if (slot[idx] == NULL) {
            perror("malloc");
            return 1;
        }
        slot[idx][0] = (unsigned char) r;
        slot[idx][size - 1] = (unsigned char) (r >> 8);
        sum += slot[idx][0];
    }
    for (unsigned i = 0; i < SLOTS; i++) {
        free(slot[i]);
    }
    corpus_result("malloc_churn", sum);
    return 0;
}

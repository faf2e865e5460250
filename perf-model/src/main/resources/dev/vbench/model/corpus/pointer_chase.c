/* Pointer chasing through 64 MiB, twice the host's last-level cache: every step is a
 * dependent load from a pseudo-random line. The chain is a full-period linear congruential
 * permutation (one cycle over all slots), built with sequential writes.
 * SIZE: number of dependent loads. */
#include "corpus_util.h"

#define SLOTS (1u << 24) /* 16 Mi uint32 = 64 MiB */

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint32_t *next = malloc(sizeof(uint32_t) * SLOTS);
    if (next == NULL) {
        perror("malloc");
        return 1;
    }
    /* a = 1 (mod 4) and odd c give a single cycle of length 2^24 (Hull-Dobell). */
    for (uint32_t i = 0; i < SLOTS; i++) {
        next[i] = (uint32_t) ((1664525ull * i + 1013904223ull) & (SLOTS - 1));
    }
    uint32_t at = 0;
    for (long i = 0; i < n; i++) {
        at = next[at];
    }
    corpus_result("pointer_chase", at);
    free(next);
    return 0;
}

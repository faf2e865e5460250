/* One data-dependent branch taken N times, for vbcount's simulated branch predictor:
 * "pattern" follows a period of three (taken, not taken, not taken: a predictor that keeps the
 * branch's recent history learns it; one 2-bit counter per branch misses a third of them), and
 * "random" follows a bit of a linear congruential generator (no predictor does better than half).
 * Usage: branches pattern|random N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "pattern") != 0 && strcmp(argv[1], "random") != 0)) {
        fprintf(stderr, "usage: branches pattern|random N\n");
        return 2;
    }
    int random = strcmp(argv[1], "random") == 0;
    long n = atol(argv[2]), sum = 0;
    unsigned x = 12345;
    for (long i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        int take = random ? (x >> 16) & 1 : i % 3 == 0;
        if (take) { /* the branch under test */
            sum += i;
            __asm__ volatile("" : "+r"(sum)); /* keep it a branch, not a conditional move */
        } else {
            sum -= 3;
            __asm__ volatile("" : "+r"(sum));
        }
    }
    printf("%s %ld %ld\n", argv[1], n, sum);
    return 0;
}

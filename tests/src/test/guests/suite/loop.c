/* A suite benchmark whose work is its argument: N rounds of a xorshift mix, then one line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    uint64_t x = 88172645463325252ull, sum = 0;
    for (long i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        if (x & 1) sum += x % 1000;
    }
    printf("rounds=%ld sum=%llu\n", n, (unsigned long long) sum);
    return 0;
}

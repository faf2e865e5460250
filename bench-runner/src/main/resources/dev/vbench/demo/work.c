/*
 * vbench demo benchmark, built twice: as the base, and as the head of a change that makes
 * "checksum" do 1% more work (-DEXTRA_WORK). "sort" is the same in both builds.
 *   work sort N       sorts N pseudo-random ints
 *   work checksum N   mixes N pseudo-random words into a checksum
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 88172645463325252ull;

static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static int compare(const void *a, const void *b) {
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: work sort|checksum N\n");
        return 2;
    }
    long n = atol(argv[2]);
    if (strcmp(argv[1], "sort") == 0) {
        int *a = malloc(n * sizeof *a);
        for (long i = 0; i < n; i++) a[i] = (int) (next() % 1000000);
        qsort(a, n, sizeof *a, compare);
        printf("sort: median %d\n", a[n / 2]);
        free(a);
        return 0;
    }
    if (strcmp(argv[1], "checksum") == 0) {
#ifdef EXTRA_WORK
        n += n / 100; /* the change under review: 1% more rounds */
#endif
        uint64_t sum = 0;
        for (long i = 0; i < n; i++) {
            uint64_t x = next();
            if (x & 1) sum += x % 1000;
            else sum ^= x;
        }
        printf("checksum: %llu\n", (unsigned long long) (sum & 0xffff));
        return 0;
    }
    fprintf(stderr, "work: unknown mode %s\n", argv[1]);
    return 2;
}

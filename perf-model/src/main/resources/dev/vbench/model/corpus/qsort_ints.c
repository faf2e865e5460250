/* Sorting with libc's qsort: an indirect call to the comparator per comparison and
 * data-dependent branches. SIZE: number of ints sorted. */
#include "corpus_util.h"

static int compare(const void *a, const void *b) {
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    int *v = malloc(sizeof(int) * (size_t) n);
    if (v == NULL) {
        perror("malloc");
        return 1;
    }
    uint64_t state = 0xDEADBEEFCAFEF00DULL;
    for (long i = 0; i < n; i++) {
        v[i] = (int) (corpus_next(&state) >> 33);
    }
    qsort(v, (size_t) n, sizeof(int), compare);
    corpus_result("qsort_ints", (uint64_t) v[n / 2]);
    free(v);
    return 0;
}

/* A small text-processing program, mixing several kinds of work: writes SIZE pseudo-random words
 * (drawn with a skewed distribution from a vocabulary of 65536) to a temporary file in 16 KiB
 * writes, reads it back in 64 KiB reads, counts the words in an open-addressing hash table, then
 * sorts the distinct words by count. File I/O, branches on text, hash-table cache misses, a sort.
 * SIZE: number of words. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "corpus_util.h"

#define TABLE (1u << 17)

struct entry {
    char word[12];
    uint32_t count;
};

static struct entry table[TABLE];

static int by_count(const void *a, const void *b) {
    const struct entry *x = a, *y = b;
    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return strcmp(x->word, y->word);
}

static uint32_t hash(const char *w, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (uint8_t) w[i]) * 16777619u;
    }
    return h;
}

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/vbench-corpus-wordfreq-XXXXXX", dir != NULL && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(path);
    static char out[16384];
    size_t used = 0;
    uint64_t state = 0x2545F4914F6CDD1DULL;
    for (long i = 0; i < n; i++) {
        uint64_t r = corpus_next(&state);
        uint32_t id = (uint32_t) ((r & 0xFFFF) * ((r >> 16) & 0xFFFF) >> 16); /* skewed towards small ids */
        int len = snprintf(out + used, sizeof out - used, "w%x ", id);
        used += (size_t) len;
        if (sizeof out - used < 16) {
            if (write(fd, out, used) != (ssize_t) used) {
                perror("write");
                return 1;
            }
            used = 0;
        }
    }
    if (used > 0 && write(fd, out, used) != (ssize_t) used) {
        perror("write");
        return 1;
    }
    lseek(fd, 0, SEEK_SET);
    static char in[65536 + 16];
    char word[16];
    size_t wlen = 0;
    uint32_t distinct = 0;
    ssize_t got;
    while ((got = read(fd, in, 65536)) > 0) {
        for (ssize_t i = 0; i < got; i++) {
            char c = in[i];
            if (c != ' ') {
                if (wlen < sizeof word - 1) {
                    word[wlen++] = c;
                }
                continue;
            }
            word[wlen] = '\0';
            uint32_t h = hash(word, wlen) & (TABLE - 1);
            while (table[h].count != 0 && strcmp(table[h].word, word) != 0) {
                h = (h + 1) & (TABLE - 1);
            }
            if (table[h].count++ == 0) {
                memcpy(table[h].word, word, wlen + 1);
                distinct++;
            }
            wlen = 0;
        }
    }
    close(fd);
    struct entry *list = malloc(sizeof *list * distinct);
    if (list == NULL) {
        perror("malloc");
        return 1;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < TABLE; i++) {
        if (table[i].count != 0) {
            list[k++] = table[i];
        }
    }
    qsort(list, distinct, sizeof *list, by_count);
    uint64_t sum = distinct;
    for (uint32_t i = 0; i < distinct && i < 100; i++) {
        sum = sum * 31 + list[i].count + hash(list[i].word, strlen(list[i].word));
    }
    free(list);
    corpus_result("wordfreq", sum);
    return 0;
}

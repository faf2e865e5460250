/* Shared by every corpus program: argument parsing and a seeded generator, so that each program's
 * work is a function of its size argument alone (identical natively and under vbench). */
#ifndef CORPUS_UTIL_H
#define CORPUS_UTIL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The single argument: a positive amount of work. Exit status 2 on bad usage. */
static long corpus_size(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SIZE\n", argv[0]);
        exit(2);
    }
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || n <= 0) {
        fprintf(stderr, "%s: SIZE must be a positive integer, not '%s'\n", argv[0], argv[1]);
        exit(2);
    }
    return n;
}

/* xorshift64*: fast, and seeded with a constant so every run does the same work. */
static inline uint64_t corpus_next(uint64_t *state) {
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Printing the result keeps the compiler from deleting the work. */
static void corpus_result(const char *name, uint64_t value) {
    printf("%s %llu\n", name, (unsigned long long) value);
}
#endif

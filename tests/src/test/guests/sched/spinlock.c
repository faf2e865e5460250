/* Hand-written spinning, with a spin-wait hint (`pause`) in the loops or, given "nopause", without one.
 * 1. A spin lock: THREADS threads each take it ROUNDS times and add to a shared total; half of each
 *    round's work is inside the lock, so a thread preempted at the end of a time slice often holds it.
 * 2. A baton passed round the threads ROUNDS/10 times: each spins on an atomic turn until it is its
 *    own, so every pass needs one particular thread to run next.
 * Prints the totals, which no interleaving changes.
 * Usage: spinlock [THREADS ROUNDS [pause|nopause]] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int locked, turn;
static int threads, rounds, hint = 1;
static unsigned long long total;
static volatile unsigned sink;

static void lock(void) {
    while (atomic_exchange_explicit(&locked, 1, memory_order_acquire)) {
        while (atomic_load_explicit(&locked, memory_order_relaxed)) {
            if (hint) __builtin_ia32_pause();
        }
    }
}

static void unlock(void) {
    atomic_store_explicit(&locked, 0, memory_order_release);
}

static unsigned long long baton;

static void pass_baton(int id) {
    for (int r = 0; r < rounds / 10; r++) {
        while (atomic_load_explicit(&turn, memory_order_acquire) != id) {
            if (hint) __builtin_ia32_pause();
        }
        baton = baton * 31 + (unsigned)id;
        atomic_store_explicit(&turn, (id + 1) % threads, memory_order_release);
    }
}

static void *run(void *arg) {
    unsigned id = (unsigned)(intptr_t)arg;
    for (int r = 0; r < rounds; r++) {
        lock();
        unsigned long long x = total;
        for (unsigned i = 0; i < 200; i++) x += (id + 1) * (i ^ (unsigned)r); // work inside the lock
        total = x;
        unlock();
        for (unsigned i = 0; i < 200; i++) sink += i; // work outside it
    }
    pass_baton((int)id);
    return NULL;
}

int main(int argc, char **argv) {
    threads = argc > 1 ? atoi(argv[1]) : 4;
    rounds = argc > 2 ? atoi(argv[2]) : 200;
    hint = !(argc > 3 && strcmp(argv[3], "nopause") == 0);
    pthread_t t[64];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, run, (void *)(intptr_t)i);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    printf("threads %d rounds %d %s total %llu baton %llu\n", threads, rounds, hint ? "pause" : "nopause", total,
           baton);
    return 0;
}

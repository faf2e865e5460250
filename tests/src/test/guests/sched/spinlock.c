/* A hand-written spin lock: THREADS threads each take the lock ROUNDS times, add to a shared total
 * and spin on an atomic flag while another holds it, with a spin-wait hint (`pause`) in the loop
 * or, given "nopause", without one; half of each round's work is inside the lock, so a thread
 * preempted at the end of a time slice often holds it. Prints the total, which no interleaving changes.
 * Usage: spinlock [THREADS ROUNDS [pause|nopause]] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int locked;
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
    return NULL;
}

int main(int argc, char **argv) {
    threads = argc > 1 ? atoi(argv[1]) : 4;
    rounds = argc > 2 ? atoi(argv[2]) : 200;
    hint = !(argc > 3 && strcmp(argv[3], "nopause") == 0);
    pthread_t t[64];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, run, (void *)(intptr_t)i);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    printf("threads %d rounds %d %s total %llu\n", threads, rounds, hint ? "pause" : "nopause", total);
    return 0;
}

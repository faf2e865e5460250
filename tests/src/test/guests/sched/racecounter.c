/* Unsynchronised counter: THREADS threads each do N non-atomic increments of one shared word.
 * Natively, increments are lost (the final value varies from run to run); under vbench exactly one
 * thread runs at a time, so the final value is the same on every run.
 * Usage: racecounter [THREADS [N]] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static volatile long counter;
static long n_per_thread;
static pthread_barrier_t start; /* all threads begin together */

static void *work(void *arg) {
    (void)arg;
    pthread_barrier_wait(&start);
    for (long i = 0; i < n_per_thread; i++) {
        counter = counter + 1; /* read, add, write: not atomic */
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    n_per_thread = argc > 2 ? atol(argv[2]) : 2000000;
    pthread_t t[64];
    pthread_barrier_init(&start, NULL, threads);
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    printf("threads=%d\nper_thread=%ld\nexpected=%ld\nfinal=%ld\n", threads, n_per_thread,
           threads * n_per_thread, counter);
    return 0;
}

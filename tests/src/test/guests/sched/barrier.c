/* pthread_barrier rounds: THREADS threads, ROUNDS rounds; in each round every thread does an
 * uneven amount of work, records its arrival under a mutex and waits at the barrier. Prints the
 * arrival order of every round.
 * Usage: barrier [THREADS ROUNDS] */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_barrier_t bar;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int threads, rounds;
static int order[64][64], arrived[64];
static volatile unsigned sink;

static void *run(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int r = 0; r < rounds; r++) {
        unsigned work = 20000 + ((id * 7919u + r * 104729u) % 9) * 2000;
        for (unsigned i = 0; i < work; i++) sink += i;
        pthread_mutex_lock(&mu);
        order[r][arrived[r]++] = id;
        pthread_mutex_unlock(&mu);
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

int main(int argc, char **argv) {
    threads = argc > 1 ? atoi(argv[1]) : 6;
    rounds = argc > 2 ? atoi(argv[2]) : 12;
    pthread_barrier_init(&bar, NULL, threads);
    pthread_t t[64];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, run, (void *)(intptr_t)i);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    for (int r = 0; r < rounds; r++) {
        printf("round %2d:", r);
        for (int i = 0; i < arrived[r]; i++) printf(" %d", order[r][i]);
        printf("\n");
    }
    return 0;
}

/* threads.c: 4 threads each take a shared mutex 200 times, doing a little work in between, and
 * append their id to a shared log whenever the lock passes from one thread to another (a hand-off);
 * every fourth round each thread yields the CPU (sched_yield), at a different round per thread.
 * Prints the number of hand-offs and the log. Natively the interleaving, so the log, changes from
 * run to run; under vbench's deterministic scheduler it must not. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 200
#define LOGMAX (THREADS * ROUNDS + 1)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char logbuf[LOGMAX + 1];
static int loglen, last = -1, handoffs;
static volatile unsigned sink;

static void work(int id, int round) {
    unsigned x = (unsigned)(id * 7919 + round);
    for (int i = 0; i < 2000 + (round % 7) * 300; i++) {
        if (x & 1) x = x * 3 + 1; else x >>= 1;
        __asm__ volatile("" : "+r"(x));
    }
    sink += x;
}

static void *run(void *arg) {
    int id = (int)(long)arg;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&lock);
        if (last != id) {
            handoffs++;
            last = id;
            if (loglen < LOGMAX) logbuf[loglen++] = (char)('A' + id);
        }
        pthread_mutex_unlock(&lock);
        work(id, r);
        if (r % 4 == id) sched_yield();
    }
    return NULL;
}

int main(void) {
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, run, (void *)i) != 0) { perror("pthread_create"); return 2; }
    }
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    logbuf[loglen] = 0;
    printf("handoffs=%d\nlog=%s\n", handoffs, logbuf);
    return 0;
}

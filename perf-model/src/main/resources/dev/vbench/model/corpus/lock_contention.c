/* Lock-contended threads: four pthreads take turns on one mutex around a tiny critical section,
 * so the lock is contended and futex calls happen. SIZE: total lock acquisitions. */
#include <pthread.h>
#include "corpus_util.h"

#define THREADS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t shared_counter, shared_mix;
static long per_thread;

static void *worker(void *arg) {
    uint64_t state = 0x9E3779B97F4A7C15ULL + (uint64_t) (uintptr_t) arg;
    for (long i = 0; i < per_thread; i++) {
        uint64_t r = corpus_next(&state); /* a little private work between acquisitions */
        pthread_mutex_lock(&lock);
        shared_counter++;
        shared_mix ^= r;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(int argc, char **argv) {
    per_thread = corpus_size(argc, argv) / THREADS;
    pthread_t thread[THREADS];
    for (uintptr_t t = 0; t < THREADS; t++) {
        if (pthread_create(&thread[t], NULL, worker, (void *) t) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(thread[t], NULL);
    }
    corpus_result("lock_contention", shared_counter + shared_mix % 2);
    return 0;
}

/* handoff.c: THREADS threads; WORKERS of them pass a token round a ring ROUNDS times (each posts
 * the next one's semaphore and waits on its own: a futex wake and a futex wait per pass), while
 * the other THREADS - WORKERS wait on a condition variable until the ring is done (parked futex
 * waiters, as the idle threads of a big process). Every thread exists before the first pass.
 * With "timed" the idle threads wait with a deadline an hour away (pthread_cond_timedwait, as a
 * pool's idle workers that time out), which never comes in a run; with "pipe" each reads a byte
 * from a pipe that main writes to once the ring is done (threads blocked on descriptors).
 * Prints the passes made. Time per stop against the thread count: see RESULTS-speed.md.
 * Usage: handoff THREADS WORKERS ROUNDS [timed|pipe] */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int workers, rounds;
static sem_t *turn;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t all_started;
static int done, timed, piped;
static int idle_pipe[2];
static long passes;

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    pthread_barrier_wait(&all_started);
    for (int r = 0; r < rounds; r++) {
        sem_wait(&turn[id]);
        passes++; /* one token: only its holder writes */
        sem_post(&turn[(id + 1) % workers]);
    }
    return NULL;
}

static void *idler(void *arg) {
    (void)arg;
    pthread_barrier_wait(&all_started);
    if (piped) {
        char c;
        return (void *)(intptr_t)read(idle_pipe[0], &c, 1);
    }
    pthread_mutex_lock(&mu);
    while (!done) {
        if (timed) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 3600;
            pthread_cond_timedwait(&done_cv, &mu, &until);
        } else {
            pthread_cond_wait(&done_cv, &mu);
        }
    }
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) { fprintf(stderr, "usage: handoff THREADS WORKERS ROUNDS [timed|pipe]\n"); return 2; }
    int threads = atoi(argv[1]);
    workers = atoi(argv[2]);
    rounds = atoi(argv[3]);
    timed = argc == 5 && strcmp(argv[4], "timed") == 0;
    piped = argc == 5 && strcmp(argv[4], "pipe") == 0;
    if (piped && pipe(idle_pipe) != 0) return 1;
    if (workers < 1 || workers > threads) { fprintf(stderr, "need 1 <= WORKERS <= THREADS\n"); return 2; }
    turn = calloc(workers, sizeof(sem_t));
    for (int i = 0; i < workers; i++) sem_init(&turn[i], 0, i == 0);
    pthread_barrier_init(&all_started, NULL, threads);
    pthread_t *t = calloc(threads, sizeof(pthread_t));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&t[i], &attr, i < workers ? worker : idler, (void *)(intptr_t)i) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    for (int i = 0; i < workers; i++) pthread_join(t[i], NULL);
    pthread_mutex_lock(&mu);
    done = 1;
    pthread_cond_broadcast(&done_cv);
    pthread_mutex_unlock(&mu);
    for (int i = workers; piped && i < threads; i++) if (write(idle_pipe[1], "x", 1) != 1) return 1;
    for (int i = workers; i < threads; i++) pthread_join(t[i], NULL);
    printf("passes=%ld\n", passes);
    return 0;
}

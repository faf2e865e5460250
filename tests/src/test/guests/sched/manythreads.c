/* THREADS threads (default 256) wait for one start signal (a condition-variable broadcast), then
 * each appends its id to a shared array under a mutex. Prints the count and the whole order.
 * Usage: manythreads [THREADS] */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cv = PTHREAD_COND_INITIALIZER;
static int go, n, *order;
static volatile unsigned sink;

static void *run(void *arg) {
    int id = (int)(intptr_t)arg;
    pthread_mutex_lock(&mu);
    while (!go) pthread_cond_wait(&go_cv, &mu);
    pthread_mutex_unlock(&mu);
    for (unsigned i = 0; i < 1000u + (id % 7) * 500u; i++) sink += i;
    pthread_mutex_lock(&mu);
    order[n++] = id;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 256;
    order = calloc(threads, sizeof(int));
    pthread_t *t = calloc(threads, sizeof(pthread_t));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&t[i], &attr, run, (void *)(intptr_t)i) != 0) { perror("pthread_create"); return 1; }
    }
    pthread_mutex_lock(&mu);
    go = 1;
    pthread_cond_broadcast(&go_cv);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    printf("count=%d\norder=", n);
    for (int i = 0; i < n; i++) printf("%s%d", i ? "," : "", order[i]);
    printf("\n");
    return 0;
}

/* A real deadlock: thread 1 locks A then B, thread 2 locks B then A; a barrier makes sure each
 * holds its first mutex before it asks for the second. The main thread joins both (forever).
 * argv[1] is a marker so the test can find leftover processes. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both;

static void *one(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_barrier_wait(&both);
    pthread_mutex_lock(&b);
    return NULL;
}

static void *two(void *arg) {
    (void)arg;
    pthread_mutex_lock(&b);
    pthread_barrier_wait(&both);
    pthread_mutex_lock(&a);
    return NULL;
}

int main(void) {
    pthread_barrier_init(&both, NULL, 2);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, one, NULL);
    pthread_create(&t2, NULL, two, NULL);
    printf("both threads started\n");
    fflush(stdout);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("unreachable\n");
    return 0;
}

/* ring.c N M: the classic thread-ring benchmark. N threads in a ring pass a token M times, each
 * waiting on its own condition variable; the thread holding the token when it reaches zero prints
 * its number and the process exits from that thread. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int n, token;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t *turn;
static int holder;

static void *run(void *arg) {
    int me = (int)(long)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (holder != me) {
            pthread_cond_wait(&turn[me], &lock);
        }
        if (token == 0) {
            printf("%d\n", me + 1);
            fflush(stdout);
            exit(0);
        }
        token--;
        holder = (me + 1) % n;
        pthread_cond_signal(&turn[holder]);
    }
}

int main(int argc, char **argv) {
    n = argc > 1 ? atoi(argv[1]) : 503;
    token = argc > 2 ? atoi(argv[2]) : 1000;
    turn = calloc(n, sizeof *turn);
    for (int i = 0; i < n; i++) {
        pthread_cond_init(&turn[i], NULL);
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, run, (void *)(long)i) != 0) {
            printf("pthread_create failed at %d\n", i);
            return 2;
        }
    }
    pthread_exit(NULL);
}

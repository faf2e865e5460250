/* threadexit.c N: N threads block on a mutex main holds; one more thread calls exit(0) while main
 * waits in pthread_join for it. exit() from any thread ends the whole process with status 0, at
 * once, whatever the others do. Prints "exiting" just before. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *blocked(void *arg) {
    pthread_mutex_lock(&lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *leaver(void *arg) {
    usleep(1000);
    printf("exiting\n");
    fflush(stdout);
    exit(0);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        pthread_create(&t, NULL, blocked, NULL);
    }
    pthread_t l;
    pthread_create(&l, NULL, leaver, NULL);
    pthread_join(l, NULL);
    printf("not reached\n");
    return 1;
}

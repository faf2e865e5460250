/* threadexec.c: a second thread execs echo while the main thread waits in pause(); the kernel
 * gives the exec'ing thread the leader's tid and reports the exec under it. */
#include <pthread.h>
#include <unistd.h>

static void *run(void *arg) {
    (void) arg;
    execl("/bin/echo", "echo", "exec from a thread", (char *) NULL);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, run, NULL);
    pause();
    return 1;
}

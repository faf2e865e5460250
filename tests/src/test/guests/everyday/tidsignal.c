/* tidsignal.c: what glibc does with the tids the kernel writes for it. Thread A waits for SIGTERM
 * with sigtimedwait (blocked in every thread); thread B sends it with pthread_kill (tgkill with A's
 * tid as glibc stored it). A PRIO_INHERIT mutex locked by main is contended by a thread. A forked
 * child raises SIGUSR1 at itself (raise uses the tid glibc cached at the fork). Natively all of it
 * works; main prints what happened, in a fixed order. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_t waiter;
static pthread_mutex_t pi;
static volatile int got_usr1;
static char waited[128], sent[128], contended[128];

static void *wait_for_term(void *arg) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    siginfo_t info;
    int sig = sigtimedwait(&set, &info, NULL);
    snprintf(waited, sizeof waited, "waiter got signal %d from pid %s%s", sig,
             info.si_pid == getpid() ? "self" : "other", sig < 0 ? strerror(errno) : "");
    return NULL;
}

static void *send_term(void *arg) {
    int r = pthread_kill(waiter, SIGTERM);
    snprintf(sent, sizeof sent, "pthread_kill: %s", r == 0 ? "ok" : strerror(r));
    return NULL;
}

static void *contend(void *arg) {
    int r = pthread_mutex_lock(&pi);
    snprintf(contended, sizeof contended, "contender locked the PI mutex: %s", r == 0 ? "ok" : strerror(r));
    pthread_mutex_unlock(&pi);
    return NULL;
}

static void on_usr1(int sig) { got_usr1 = 1; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_create(&waiter, NULL, wait_for_term, NULL);
    pthread_t sender;
    pthread_create(&sender, NULL, send_term, NULL);
    pthread_join(sender, NULL);
    pthread_join(waiter, NULL);
    printf("%s\n%s\n", sent, waited);

    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&pi, &attr);
    pthread_mutex_lock(&pi);
    pthread_t contender;
    pthread_create(&contender, NULL, contend, NULL);
    usleep(1000);
    pthread_mutex_unlock(&pi);
    pthread_join(contender, NULL);
    printf("%s\n", contended);

    pid_t child = fork();
    if (child == 0) {
        signal(SIGUSR1, on_usr1);
        int r = raise(SIGUSR1);
        printf("child raise: %s, handler ran: %s\n", r == 0 ? "ok" : "failed", got_usr1 ? "yes" : "no");
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));
    return 0;
}

/* cputraps.c [child]: prints, for its main thread, a new thread and a child process it execs, whether
 * rdtsc faults there (prctl PR_GET_TSC: 1 = runs, 2 = faults) and the feature bits cpuid leaf 1
 * reports (ecx). The child image prints its own line. */
#include <cpuid.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int tsc(void) {
    int state = -1;
    prctl(PR_GET_TSC, &state, 0, 0, 0);
    return state;
}

static unsigned features(void) {
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    return c;
}

static void *worker(void *out) {
    *(int *) out = tsc();
    return NULL;
}

int main(int argc, char **argv) {
    getpid(); /* a system call the supervisor answers: a stop once the program runs */
    if (argc > 1) {
        printf("child tsc=%d cpuid=%08x\n", tsc(), features());
        return 0;
    }
    int in_thread = -1;
    pthread_t t;
    pthread_create(&t, NULL, worker, &in_thread);
    pthread_join(t, NULL);
    printf("main tsc=%d cpuid=%08x\nthread tsc=%d\n", tsc(), features(), in_thread);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(argv[0], argv[0], "child", (char *) NULL);
        _exit(127);
    }
    waitpid(pid, NULL, 0);
    return 0;
}

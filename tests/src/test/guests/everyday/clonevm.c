/* clonevm.c: clone(fn, stack, CLONE_VM | SIGCHLD, arg): a child process that shares its parent's
 * memory (as some runtimes and test programs make), writes a value the parent then reads. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

static volatile int shared;

static int child(void *arg) {
    shared = 42;
    return 0;
}

int main(void) {
    size_t size = 64 * 1024;
    char *stack = malloc(size);
    pid_t pid = clone(child, stack + size, CLONE_VM | SIGCHLD, NULL);
    if (pid < 0) {
        perror("clone");
        return 1;
    }
    waitpid(pid, NULL, 0);
    printf("shared %d\n", shared);
    return 0;
}

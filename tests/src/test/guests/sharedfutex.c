/* sharedfutex.c N: a parent and its forked child hand a turn back and forth N times through a
 * futex in MAP_SHARED anonymous memory, without FUTEX_PRIVATE_FLAG, as process-shared semaphores
 * and locks do (Python's multiprocessing, sem_open). Each prints how many turns it took.
 * Under a supervisor that keyed every futex by process, the first wait would never end. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    int *turn = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (turn == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    *turn = 0;
    pid_t child = fork();
    int me = child == 0 ? 1 : 0;
    long taken = 0;
    for (long i = 0; i < n; i++) {
        while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) != me) {
            syscall(SYS_futex, turn, FUTEX_WAIT, !me, NULL, NULL, 0);
        }
        taken++;
        __atomic_store_n(turn, !me, __ATOMIC_RELEASE);
        syscall(SYS_futex, turn, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    if (child == 0) {
        printf("child took %ld turns\n", taken);
        return 0;
    }
    waitpid(child, NULL, 0);
    printf("parent took %ld turns\n", taken);
    return 0;
}

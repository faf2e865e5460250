/* waitpid(-1) ordering: CHILDREN children each do a different amount of work (child k: BASE *
 * (10 + k) / 10 iterations, close to each other so the native order is noisy) and exit with
 * status k; the parent prints the statuses in the order waitpid(-1) returned them.
 * Usage: waitorder [CHILDREN BASE] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

int main(int argc, char **argv) {
    int children = argc > 1 ? atoi(argv[1]) : 5;
    long base = argc > 2 ? atol(argv[2]) : 3000000;
    for (int k = 0; k < children; k++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 1; }
        if (p == 0) {
            long work = base * (10 + (k * 3) % children) / 10;
            for (long i = 0; i < work; i++) sink += i;
            _exit(k);
        }
    }
    printf("order:");
    for (int k = 0; k < children; k++) {
        int st;
        pid_t p = waitpid(-1, &st, 0);
        if (p < 0) { perror("waitpid"); return 1; }
        printf(" %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    printf("\n");
    return 0;
}

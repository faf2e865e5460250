/* Processes without exec: SIZE times, fork a child that hashes a little (20000 steps) and exits
 * with a status from it; the parent waits for each. Process creation and teardown, copy on write,
 * waiting. SIZE: number of children. */
#include <sys/wait.h>
#include <unistd.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        pid_t child = fork();
        if (child < 0) {
            perror("fork");
            return 1;
        }
        if (child == 0) {
            uint64_t state = 0x9E3779B97F4A7C15ULL + (uint64_t) i, h = 0;
            for (int k = 0; k < 20000; k++) {
                h += corpus_next(&state) >> 60;
            }
            _exit((int) (h & 0x7f));
        }
        int status;
        if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
            fprintf(stderr, "forkwork: child %ld failed\n", i);
            return 1;
        }
        sum += (uint64_t) WEXITSTATUS(status);
    }
    corpus_result("forkwork", sum);
    return 0;
}

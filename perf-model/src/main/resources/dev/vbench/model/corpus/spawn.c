/* Process spawning: fork, exec /bin/true, wait, SIZE times. */
#include <sys/wait.h>
#include <unistd.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    uint64_t ok = 0;
    for (long i = 0; i < n; i++) {
        pid_t child = fork();
        if (child < 0) {
            perror("fork");
            return 1;
        }
        if (child == 0) {
            execl("/bin/true", "true", (char *) NULL);
            _exit(127);
        }
        int status;
        if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn: child %ld failed\n", i);
            return 1;
        }
        ok++;
    }
    corpus_result("spawn", ok);
    return 0;
}

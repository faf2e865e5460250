/* A fork tree writing to one pipe: the parent forks CHILDREN children; child k writes LINES lines
 * "child k line j" to the pipe (one write each, below PIPE_BUF so atomic), with some work between;
 * the parent reads everything and prints the lines in the order they arrived, then the children's
 * exit statuses in pid order.
 * Usage: forkpipe [CHILDREN LINES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

int main(int argc, char **argv) {
    int children = argc > 1 ? atoi(argv[1]) : 4;
    int lines = argc > 2 ? atoi(argv[2]) : 25;
    int fd[2];
    if (pipe(fd) != 0) { perror("pipe"); return 1; }
    pid_t pids[64];
    for (int k = 0; k < children; k++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 1; }
        if (p == 0) {
            close(fd[0]);
            for (int j = 0; j < lines; j++) {
                for (unsigned i = 0; i < 30000u + 5000u * k; i++) sink += i;
                char line[64];
                int len = snprintf(line, sizeof line, "child %d line %d\n", k, j);
                if (write(fd[1], line, len) != len) _exit(2);
            }
            _exit(10 + k);
        }
        pids[k] = p;
    }
    close(fd[1]);
    char buf[4096];
    size_t used = 0, cap = 1 << 16;
    char *all = malloc(cap);
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) {
        if (used + n > cap) { cap *= 2; all = realloc(all, cap); }
        memcpy(all + used, buf, n);
        used += n;
    }
    fwrite(all, 1, used, stdout);
    for (int k = 0; k < children; k++) {
        int st;
        waitpid(pids[k], &st, 0);
        printf("child %d status %d\n", k, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    return 0;
}

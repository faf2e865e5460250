/* flockorder.c FILE: a parent takes an exclusive flock on FILE, starts a child that asks for it
 * too, sleeps 200 ms and unlocks. The child gets the lock only then. Under vbench the child's
 * flock used to sleep in the kernel while the parent waited for its turn, so the run never ended
 * (the watchdog let virtual time move one slice per 5 s). Prints the order of events. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: flockorder FILE\n");
        return 2;
    }
    int fd = open(argv[1], O_RDWR | O_CREAT, 0644);
    flock(fd, LOCK_EX);
    printf("parent locked\n");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int own = open(argv[1], O_RDWR); /* an open file of its own: the parent's lock holds it off */
        flock(own, LOCK_EX);
        printf("child locked\n");
        fflush(stdout);
        flock(own, LOCK_UN);
        _exit(0);
    }
    struct timespec ms200 = {0, 200000000L};
    nanosleep(&ms200, NULL);
    printf("parent unlocks\n");
    fflush(stdout);
    flock(fd, LOCK_UN);
    int status;
    waitpid(child, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));
    return 0;
}

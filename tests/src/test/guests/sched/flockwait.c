/* flockwait FILE: a thread blocks in fcntl(F_SETLKW) on FILE, which another process holds locked,
 * while main has work to do: vbench lets the kernel run fcntl, so only its watchdog can let main
 * go on. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fd;

static void *locker(void *arg) {
    (void) arg;
    struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    fcntl(fd, F_SETLKW, &l);
    printf("locked\n");
    l.l_type = F_UNLCK;
    fcntl(fd, F_SETLK, &l);
    return NULL;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    fd = open(argc > 1 ? argv[1] : "lock", O_RDWR | O_CREAT, 0644);
    pthread_t t;
    pthread_create(&t, NULL, locker, NULL);
    long s = 0;
    for (int i = 0; i < 1000; i++) {
        s += syscall(SYS_getppid);
    }
    printf("main done %ld\n", s > 0);
    pthread_join(t, NULL);
    return 0;
}

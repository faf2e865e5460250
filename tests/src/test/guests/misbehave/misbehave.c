/* misbehave MODE: a guest that does what a well-behaved benchmark does not (issue 16).
 *   ptrace    PTRACE_TRACEME, then PTRACE_ATTACH to its own child: prints each result
 *   seccomp   installs its own filter (getppid fails with EACCES), then calls getppid and getpid
 *   efault    passes bad pointers to calls vbench answers itself: prints each errno
 *   forkbomb  (then any argument, to name its processes) forks children that wait until a fork fails: prints how many and why, then ends them
 *   vmread    process_vm_readv of its own memory through its pid
 * Every mode prints the same natively and under vbench, except where vbench must differ (ptrace). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 8)

static void result(const char *what, long r) {
    printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static int ptrace_mode(void) {
    result("traceme", ptrace(PTRACE_TRACEME, 0, 0, 0));
    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    result("attach to child", ptrace(PTRACE_ATTACH, child, 0, 0));
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}

static int seccomp_mode(void) {
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    result("no_new_privs", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    result("own filter", syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog));
    result("getppid", syscall(SYS_getppid));
    result("getpid", syscall(SYS_getpid));
    return 0;
}

static int efault_mode(void) {
    result("clock_gettime", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD));
    result("gettimeofday", syscall(SYS_gettimeofday, BAD, NULL));
    result("getrandom", syscall(SYS_getrandom, BAD, 16, 0));
    result("uname", syscall(SYS_uname, BAD));
    result("nanosleep", syscall(SYS_nanosleep, BAD, NULL));
    result("open", syscall(SYS_openat, -100, BAD, 0));
    result("stat", syscall(SYS_newfstatat, -100, ".", BAD, 0));
    result("getdents64", syscall(SYS_getdents64, open(".", O_RDONLY | O_DIRECTORY), BAD, 4096));
    return 0;
}

static int forkbomb_mode(void) {
    long forked = 0;
    while (1) {
        pid_t p = fork();
        if (p < 0) {
            printf("forked %ld, then: %s\n", forked, strerror(errno));
            break;
        }
        if (p == 0) {
            pause();
            _exit(0);
        }
        forked++;
    }
    signal(SIGTERM, SIG_IGN);
    kill(0, SIGTERM);
    while (wait(NULL) > 0) {
    }
    return 0;
}

static int vmread_mode(void) {
    static char secret[] = "in my own memory";
    char copy[sizeof secret] = {0};
    struct iovec local = {copy, sizeof copy}, remote = {secret, sizeof secret};
    long n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    printf("read %ld bytes: %s\n", n, n > 0 ? copy : strerror(errno));
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "ptrace")) return ptrace_mode();
    if (!strcmp(mode, "seccomp")) return seccomp_mode();
    if (!strcmp(mode, "efault")) return efault_mode();
    if (!strcmp(mode, "forkbomb")) return forkbomb_mode();
    if (!strcmp(mode, "vmread")) return vmread_mode();
    fprintf(stderr, "usage: misbehave ptrace|seccomp|efault|forkbomb|vmread\n");
    return 2;
}

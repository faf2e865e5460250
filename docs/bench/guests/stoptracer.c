/* stoptracer.c: the kernel's part of a vbench stop, without the JVM (RESULTS-speed.md section 7).
 * The child makes THREADS-1 threads that each stop once at a seccomp-trapped getppid and are left
 * stopped (as vbench's parked threads), then its main thread makes CALLS trapped getppid calls; the
 * tracer answers each as vbench answers an emulated call (PTRACE_GETREGS, PTRACE_SETREGS with the
 * call skipped and a result, PTRACE_CONT), waiting for that one thread (waitpid(tid), "one") or for
 * any ("any"). With "traps" the child carries what vbench's guests carry: rdtsc trapping
 * (PR_SET_TSC) and CPUID faulting. Tracer and child share CPU 1, as vbench pins itself and its guest.
 * Prints ns per stop over the main thread's calls after its first 1000.
 * Usage: stoptracer THREADS CALLS one|any traps|notraps
 * Build: gcc -O2 -pthread -o stoptracer docs/bench/guests/stoptracer.c */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <asm/prctl.h>

static void *idle(void *a) { (void)a; syscall(SYS_getppid); return NULL; }

static long now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000L + t.tv_nsec; }

int main(int argc, char **argv) {
    int threads = atoi(argv[1]); long calls = atol(argv[2]);
    int any = strcmp(argv[3], "any") == 0, traps = strcmp(argv[4], "traps") == 0;
    cpu_set_t set; CPU_ZERO(&set); CPU_SET(1, &set); sched_setaffinity(0, sizeof set, &set);
    pid_t child = fork();
    if (child == 0) {
        struct sock_filter f[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
        struct sock_fprog prog = {4, f};
        raise(SIGSTOP);
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) { perror("seccomp"); _exit(1); }
        if (traps) { prctl(PR_SET_TSC, PR_TSC_SIGSEGV); syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0); }
        pthread_attr_t at; pthread_attr_init(&at); pthread_attr_setstacksize(&at, 64 * 1024);
        for (int i = 1; i < threads; i++) { pthread_t t; pthread_create(&t, &at, idle, NULL); }
        for (long i = 0; i < calls; i++) syscall(SYS_getppid);
        _exit(0);
    }
    int st;
    waitpid(child, &st, WUNTRACED);
    ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
    kill(child, SIGCONT);
    int *parked = calloc(threads + 16, sizeof(int)); int nparked = 0;
    long mainStops = 0, t0 = 0;
    struct user_regs_struct r;
    while (1) {
        /* until the parked threads are all in, and once the main thread is done, any tracee may report */
        int pid = waitpid(any || mainStops < 1000 || mainStops >= calls ? -1 : child, &st, __WALL);
        if (pid < 0) break;
        if (WIFEXITED(st) || WIFSIGNALED(st)) { if (pid == child) break; continue; }
        int ev = (st >> 16) & 0xff;
        if (ev == PTRACE_EVENT_SECCOMP) {
            if (pid != child) { parked[nparked++] = pid; continue; } /* left stopped */
            ptrace(PTRACE_GETREGS, pid, 0, &r);
            r.orig_rax = -1; r.rax = 1;
            ptrace(PTRACE_SETREGS, pid, 0, &r);
            if (++mainStops == 1000 && nparked == threads - 1) t0 = now_ns();
            if (mainStops == calls) {
                long t = now_ns();
                if (t0 == 0) printf("the parked threads were not all in after 1000 calls: no measurement\n");
                else printf("threads %d wait %s traps %d: %.0f ns per stop\n", threads, any ? "any" : "one", traps,
                            (double)(t - t0) / (calls - 1000));
                fflush(stdout);
                for (int i = 0; i < nparked; i++) ptrace(PTRACE_CONT, parked[i], 0, 0);
            }
            ptrace(PTRACE_CONT, pid, 0, 0);
        } else {
            int sig = WSTOPSIG(st);
            ptrace(PTRACE_CONT, pid, 0, (ev == 0 && sig != SIGSTOP && sig != SIGTRAP) ? sig : 0);
        }
    }
    return 0;
}

/* trapswitch.c: what the CPU-trap flags cost at every switch between a traced thread and its tracer.
 * Usage: trapswitch CALLS GUEST_FLAGS TRACER_FLAGS     flags: 1 = CPUID faulting (arch_prctl
 * ARCH_SET_CPUID 0), 2 = rdtsc faulting (prctl PR_SET_TSC PR_TSC_SIGSEGV), 3 = both.
 * A forked tracee makes CALLS getppid calls, each stopped twice (PTRACE_SYSCALL, as strace does);
 * tracer and tracee share CPU 1. The kernel rewrites the CPUID-faulting MSR and CR4.TSD when it
 * switches between two tasks whose flags differ, and in a VM each such write can be a VM exit; when
 * the tracer carries the same flags, there is nothing to rewrite. Prints CPU time (both processes)
 * and wall time per call. See docs/bench/trap-switch.sh and RESULTS-speed.md. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void set_flags(int flags) {
    if ((flags & 1) && syscall(SYS_arch_prctl, 0x1012 /* ARCH_SET_CPUID */, 0) != 0) {
        perror("arch_prctl(ARCH_SET_CPUID, 0)");
        exit(2);
    }
    if ((flags & 2) && prctl(PR_SET_TSC, PR_TSC_SIGSEGV) != 0) {
        perror("prctl(PR_SET_TSC)");
        exit(2);
    }
}

static double micros(struct timeval t) { return t.tv_sec * 1e6 + t.tv_usec; }

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: trapswitch CALLS GUEST_FLAGS TRACER_FLAGS\n");
        return 2;
    }
    long calls = atol(argv[1]);
    int guest_flags = atoi(argv[2]), tracer_flags = atoi(argv[3]);
    cpu_set_t cpu;
    CPU_ZERO(&cpu);
    CPU_SET(1, &cpu);
    sched_setaffinity(0, sizeof cpu, &cpu);
    pid_t pid = fork();
    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        set_flags(guest_flags);
        for (long i = 0; i < calls; i++) syscall(SYS_getppid);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start); /* before the tracer's flags: the vDSO runs rdtsc */
    set_flags(tracer_flags);
    ptrace(PTRACE_SYSCALL, pid, 0, 0);
    while (waitpid(pid, &status, 0) == pid && !WIFEXITED(status)) ptrace(PTRACE_SYSCALL, pid, 0, 0);
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &end); /* the system call: rdtsc may fault now */
    struct rusage self, child;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &child);
    double cpu_us = micros(self.ru_utime) + micros(self.ru_stime) + micros(child.ru_utime) + micros(child.ru_stime);
    double wall_us = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / 1e3;
    printf("guest %d tracer %d: %.2f us cpu, %.2f us wall per call\n", guest_flags, tracer_flags,
           cpu_us / calls, wall_us / calls);
    return 0;
}

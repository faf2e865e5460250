/* remotetracer.c: can a stop cost less when the thread that owns the tracees carries their CPU-trap
 * flags (RESULTS-speed.md section 9)? A ptrace stop costs vbench 35 us under --counter none on this
 * VM, most of it the kernel rewriting CR4.TSD and the CPUID-faulting MSR (each a VM exit) whenever
 * the CPU switches between the flagged guest and the unflagged JVM thread that traces it (section 6).
 * A JVM thread cannot carry the flags (HotSpot executes cpuid, and clock_gettime executes rdtsc).
 *
 * Here the tracer is split as vbench would split it: an EXECUTOR thread, plain C, pinned with the
 * child to CPU 1 and carrying the child's flags, is the ptrace tracer and only executes requests
 * (waitpid, GETREGS, SETREGS, CONT) that a CONTROLLER thread, standing for the JVM's supervisor
 * thread, posts through shared memory from CPU 0, spinning for each reply. The child makes CALLS
 * seccomp-trapped getppid calls, each answered as vbench answers an emulated call.
 *
 * Usage: remotetracer CALLS remote|local traps|notraps
 *   remote: controller on CPU 0 posts every request to the executor on CPU 1 (flags as the child's)
 *   local:  one unflagged thread on CPU 1 traces and decides, as vbench does today
 * Prints ns per call after the first 1000 calls.
 * Build: gcc -O2 -pthread -o remotetracer docs/bench/guests/remotetracer.c */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
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

enum op { OP_NONE, OP_SEIZE, OP_WAIT, OP_GETREGS, OP_SETREGS, OP_CONT, OP_QUIT };

/* One request at a time: the controller writes op and args, then bumps req; the executor runs it,
 * writes result, then sets done = req. */
static struct {
    _Atomic long req, done;
    enum op op;
    pid_t pid;
    long result;
    int status;
    struct user_regs_struct regs;
} box;

static int traps;

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static void carry_flags(void) {
    prctl(PR_SET_TSC, PR_TSC_SIGSEGV);
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
}

static long execute(enum op op, pid_t pid) {
    switch (op) {
    case OP_SEIZE: return ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL);
    case OP_WAIT: return waitpid(pid, &box.status, __WALL);
    case OP_GETREGS: return ptrace(PTRACE_GETREGS, pid, 0, &box.regs);
    case OP_SETREGS: return ptrace(PTRACE_SETREGS, pid, 0, &box.regs);
    case OP_CONT: return ptrace(PTRACE_CONT, pid, 0, 0);
    default: return -1;
    }
}

/* The executor: no clock, no cpuid (it may carry the flags), only what it is asked. */
static void *executor(void *arg) {
    (void)arg;
    pin(1);
    if (traps) carry_flags();
    long seen = 0;
    for (;;) {
        long r;
        while ((r = atomic_load_explicit(&box.req, memory_order_acquire)) == seen) __builtin_ia32_pause();
        seen = r;
        box.result = execute(box.op, box.pid);
        atomic_store_explicit(&box.done, r, memory_order_release);
        if (box.op == OP_QUIT) return NULL;
    }
}

static int remote;

static long call(enum op op, pid_t pid) {
    if (!remote) return execute(op, pid);
    box.op = op;
    box.pid = pid;
    long r = atomic_load_explicit(&box.req, memory_order_relaxed) + 1;
    atomic_store_explicit(&box.req, r, memory_order_release);
    while (atomic_load_explicit(&box.done, memory_order_acquire) != r) __builtin_ia32_pause();
    return box.result;
}

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: remotetracer CALLS remote|local traps|notraps\n");
        return 2;
    }
    long calls = atol(argv[1]);
    remote = strcmp(argv[2], "remote") == 0;
    traps = strcmp(argv[3], "traps") == 0;
    pin(1);
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
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) _exit(1);
        if (traps) carry_flags();
        for (long i = 0; i < calls; i++) syscall(SYS_getppid);
        _exit(0);
    }
    int st;
    waitpid(child, &st, WUNTRACED);
    pthread_t t;
    if (remote) {
        pin(0); /* the controller: the JVM's supervisor thread, unflagged, on the other CPU */
        pthread_create(&t, NULL, executor, NULL);
    }
    if (call(OP_SEIZE, child) != 0) {
        perror("seize");
        return 1;
    }
    kill(child, SIGCONT);
    long start = 0, n = 0;
    for (;;) {
        if (call(OP_WAIT, child) < 0) break;
        int s = box.status;
        if (WIFEXITED(s) || WIFSIGNALED(s)) break;
        if (WIFSTOPPED(s) && (s >> 8) == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
            call(OP_GETREGS, child);
            box.regs.orig_rax = -1; /* skip the call */
            box.regs.rax = 4242;    /* the virtual parent's pid */
            call(OP_SETREGS, child);
            if (++n == 1000) start = now_ns();
        }
        call(OP_CONT, child);
    }
    long elapsed = now_ns() - start;
    if (remote) call(OP_QUIT, 0);
    printf("%s %s: %ld calls, %.1f ns per call\n", argv[2], argv[3], n,
           n > 1000 ? (double)elapsed / (n - 1000) : 0.0);
    return 0;
}

/* vb_tracer.c: the thread that owns vbench's tracees and carries their CPU-trap flags.
 *
 * On a VM, every switch between a task that traps rdtsc and cpuid and one that does not rewrites
 * CR4.TSD and the CPUID-faulting MSR, and each rewrite exits to the hypervisor: 25 us of a 35 us
 * stop here (docs/bench/RESULTS-speed.md, sections 6 and 9). The supervisor is a JVM thread and
 * cannot carry those flags (HotSpot executes cpuid; clock_gettime executes rdtsc). So the ptrace
 * requests go to this thread instead: it shares a CPU with the guest, carries the flags the
 * guest's threads were last armed with, and only executes requests (ptrace, waitpid, its own flags) that the
 * supervisor posts in a mailbox from another CPU. It decides nothing; it never reads a clock or
 * executes cpuid, and it blocks every signal it can, so the JVM's handlers never run on it.
 *
 * The mailbox (struct vb_box, laid out as RemoteTracer.java reads it) holds one request at a time:
 * the supervisor writes the arguments, then a new request number; this thread executes the request,
 * writes the results, then sets done to that number. Each side spins a little for the other, then
 * sleeps on the number it waits for (futex), having said so in its `sleeping` word; the other side
 * wakes it after publishing. All of it is sequentially consistent, so no wake-up is lost.
 *
 * Quick calls: a wait for one thread may come with a table of answers (struct vb_answers). While
 * the thread's stops are seccomp stops for calls in the table, or for clock reads (clock_gettime on
 * a clock the table has, gettimeofday, time), the wait answers them itself (skip the call, set its
 * result and what it writes, resume) and logs their numbers, and it returns at the first other event: a stop costs two switches between guest and tracer and no round trip to the supervisor,
 * which takes the log afterwards as if it had answered each call (QuickCalls.java). The same loop
 * serves the supervisor's own thread when it is the tracer (vb_wait_answering_here).
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

enum vb_op { VB_PTRACE = 1, VB_WAITPID = 2, VB_QUIT = 3, VB_WAIT_ANSWERING = 4 };

/* The CPU traps this thread carries, to match the guest's (CpuTraps). */
#define VB_FLAG_TSC   1
#define VB_FLAG_CPUID 2

/* Each half on its own cache line; each number's `sleeping` word is written by whoever sleeps on it. */
struct vb_box {
    _Atomic int32_t request;          /*   0: the request posted last (supervisor)          */
    _Atomic int32_t tracer_sleeping;  /*   4: this thread sleeps on `request` (this thread) */
    int32_t op;                       /*   8: enum vb_op (supervisor)                       */
    int32_t flags;                    /*  12: VB_FLAG_* to carry, taken before each ptrace  */
    int64_t arg[4];                   /*  16: ptrace(a0, a1, a2, a3); waitpid(a0, a1, a2[, a3]) */
    char pad1[64 - 48];
    _Atomic int32_t done;             /*  64: the request executed last (this thread)      */
    _Atomic int32_t caller_sleeping;  /*  68: the supervisor sleeps on `done` (supervisor)  */
    int32_t error;                    /*  72: errno of the call, 0 if it succeeded          */
    int32_t pad2;
    int64_t result;                   /*  80: what the call returned                        */
};

_Static_assert(sizeof(struct vb_box) == 88, "RemoteTracer.java reads this layout");

#define VB_ANSWERS 8
#define VB_CLOCKS 12 /* clock ids 0..11: CLOCK_REALTIME..CLOCK_TAI */

/* The calls a wait may answer itself, and what it answered (AnswerBlock.java reads this layout). */
struct vb_answers {
    int32_t limit;                 /*   0: answer at most this many calls (the log's length)   */
    int32_t entries;               /*   4: how many of nr and value are set                    */
    int32_t answered;              /*   8: out: how many calls were answered                   */
    int32_t error;                 /*  12: out: errno of vb_wait_answering_here's last wait    */
    int64_t nr[VB_ANSWERS];        /*  16: the calls' numbers...                               */
    int64_t value[VB_ANSWERS];     /*  80: ...and their results                                */
    int64_t call_charge;           /* 144: virtual ns each call adds to every clock; <0: no clocks */
    int64_t clock[VB_CLOCKS];      /* 152: each clock's value at the wait's start; <0: not quick  */
    struct user_regs_struct regs;  /* 248: the stopped thread's registers (scratch)            */
    uint16_t log[];                /* 464: the numbers of the calls answered, in order         */
};

_Static_assert(sizeof(struct vb_answers) == 464, "AnswerBlock.java reads this layout");

/* waitpid's status for a seccomp stop (PTRACE_O_TRACESECCOMP). */
#define SECCOMP_STOP (((SIGTRAP | (PTRACE_EVENT_SECCOMP << 8)) << 8) | 0x7f)

#define SPINS 2000 /* about 50 us of pause (26 ns each here) before sleeping */

static long futex(_Atomic int32_t *word, int op, int32_t value) {
    return syscall(SYS_futex, word, op, value, NULL, NULL, 0);
}

/* Waits until *word != seen; returns the new value. */
static int32_t await_change(_Atomic int32_t *word, int32_t seen, _Atomic int32_t *sleeping) {
    for (int i = 0; i < SPINS; i++) {
        int32_t now = atomic_load(word);
        if (now != seen) return now;
        __builtin_ia32_pause();
    }
    for (;;) {
        atomic_store(sleeping, 1);
        int32_t now = atomic_load(word);
        if (now != seen) {
            atomic_store(sleeping, 0);
            return now;
        }
        futex(word, FUTEX_WAIT_PRIVATE, seen);
        atomic_store(sleeping, 0);
    }
}

static __thread int current_flags; /* per thread: vb_wait_answering_here runs on the supervisor's */

static void take_flags(int flags) {
    if (flags < 0 || flags == current_flags) return;
    if ((flags ^ current_flags) & VB_FLAG_TSC) {
        prctl(PR_SET_TSC, (flags & VB_FLAG_TSC) ? PR_TSC_SIGSEGV : PR_TSC_ENABLE);
    }
    if ((flags ^ current_flags) & VB_FLAG_CPUID) {
        syscall(SYS_arch_prctl, ARCH_SET_CPUID, (flags & VB_FLAG_CPUID) ? 0 : 1);
    }
    current_flags = flags;
}

static int answer_of(const struct vb_answers *a, long nr) {
    for (int i = 0; i < a->entries && i < VB_ANSWERS; i++) {
        if (a->nr[i] == nr) return i;
    }
    return -1;
}

/* Clock `id` for the call being answered, in ns, or -1 if it is the supervisor's to read. Every
 * call charges the same to every clock (the thread runs alone, and the clock, process and thread
 * times all move by the charge), and the supervisor charges each call before it reads a clock: the
 * nth call answered in a wait reads start + n * charge. */
static int64_t clock_now(const struct vb_answers *a, unsigned long long id) {
    if (a->call_charge < 0 || id >= VB_CLOCKS || a->clock[id] < 0) return -1;
    return a->clock[id] + (a->answered + 1) * a->call_charge;
}

/* Writes `n` (1 or 2) pieces of the stopped thread's memory at once; whether all of it took. */
static int write_guest(pid_t pid, struct iovec *local, struct iovec *remote, int n) {
    ssize_t want = 0;
    for (int i = 0; i < n; i++) want += (ssize_t)local[i].iov_len;
    return process_vm_writev(pid, local, (unsigned long)n, remote, (unsigned long)n, 0) == want;
}

/* clock_gettime, gettimeofday or time of the stopped thread, as TimeHandler answers it: sets
 * `result` and writes what the call writes; 0 if the supervisor must answer (another clock, an
 * address the write does not take). */
static int read_clock(pid_t pid, const struct vb_answers *a, long nr, long *result) {
    const struct user_regs_struct *r = &a->regs;
    int64_t now = clock_now(a, nr == SYS_clock_gettime ? r->rdi : 0 /* CLOCK_REALTIME */);
    if (now < 0) return 0;
    int64_t values[2] = {now / 1000000000, now % 1000000000};
    struct iovec local[2], remote[2];
    int n = 0;
    if (nr == SYS_time) {
        *result = values[0];
        if (r->rdi == 0) return 1;
        local[n] = (struct iovec){values, 8};
        remote[n++] = (struct iovec){(void *)r->rdi, 8};
        return write_guest(pid, local, remote, n);
    }
    *result = 0;
    if (nr == SYS_clock_gettime) {
        local[n] = (struct iovec){values, 16};
        remote[n++] = (struct iovec){(void *)r->rsi, 16};
        return write_guest(pid, local, remote, n);
    }
    static const int64_t no_timezone = 0; /* struct timezone: UTC, no DST */
    values[1] /= 1000; /* gettimeofday: microseconds */
    if (r->rdi != 0) {
        local[n] = (struct iovec){values, 16};
        remote[n++] = (struct iovec){(void *)r->rdi, 16};
    }
    if (r->rsi != 0) {
        local[n] = (struct iovec){(void *)&no_timezone, 8};
        remote[n++] = (struct iovec){(void *)r->rsi, 8};
    }
    return n == 0 || write_guest(pid, local, remote, n);
}

/* waitpid(pid), answering the calls in `a` as described at the top, after those it answered
 * already (the caller clears `answered`; a wait retried after EINTR goes on with the log); returns
 * what the wait that ends it returned, with its status, for the supervisor to take as usual. A
 * request that fails (the thread was killed) leaves the stop, or the thread's end, to the supervisor. */
static long wait_answering(pid_t pid, int *status, int options, struct vb_answers *a) {
    for (;;) {
        long r = waitpid(pid, status, options);
        if (r != pid || *status != SECCOMP_STOP || a->answered >= a->limit) return r;
        if (ptrace(PTRACE_GETREGS, pid, NULL, &a->regs) != 0) return r;
        long nr = (long)a->regs.orig_rax;
        long result;
        if (nr == SYS_clock_gettime || nr == SYS_gettimeofday || nr == SYS_time) {
            if (!read_clock(pid, a, nr, &result)) return r;
        } else {
            int i = answer_of(a, nr);
            if (i < 0) return r;
            result = a->value[i];
        }
        a->regs.orig_rax = (unsigned long long)-1; /* the kernel skips the call and returns rax */
        a->regs.rax = (unsigned long long)result;
        if (ptrace(PTRACE_SETREGS, pid, NULL, &a->regs) != 0) return r;
        a->log[a->answered++] = (uint16_t)nr;
        ptrace(PTRACE_CONT, pid, NULL, NULL); /* if the thread is gone, the next wait says so */
    }
}

/* Every signal but SIGCHLD, blocked on the thread that traces (see run()). */
static void block_signals(sigset_t *before) {
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &all, before);
}

/* wait_answering on the calling thread, the supervisor's own when it is the tracer. While it waits
 * it carries the guest's trap flags (`flags`: no rewrite at each switch to and from the guest) and
 * blocks signals as the tracer thread does: a JVM handler would execute rdtsc or cpuid. */
long vb_wait_answering_here(int pid, int *status, int options, struct vb_answers *a, int flags) {
    sigset_t before;
    block_signals(&before);
    int had = current_flags;
    take_flags(flags);
    errno = 0;
    long r = wait_answering(pid, status, options, a);
    a->error = r < 0 ? errno : 0;
    take_flags(had);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    errno = a->error; /* the caller's errno is the wait's */
    return r;
}

static void execute(struct vb_box *box) {
    errno = 0;
    long r;
    switch (box->op) {
    case VB_PTRACE:
        take_flags(box->flags);
        r = ptrace((enum __ptrace_request)box->arg[0], (pid_t)box->arg[1], (void *)box->arg[2], (void *)box->arg[3]);
        break;
    case VB_WAITPID:
        r = waitpid((pid_t)box->arg[0], (int *)box->arg[1], (int)box->arg[2]);
        break;
    case VB_WAIT_ANSWERING:
        take_flags(box->flags);
        r = wait_answering((pid_t)box->arg[0], (int *)box->arg[1], (int)box->arg[2], (struct vb_answers *)box->arg[3]);
        break;
    default:
        r = 0;
        break;
    }
    box->result = r;
    box->error = r < 0 ? errno : 0; /* PEEKDATA returns any word: the caller reads error */
}

static void *run(void *arg) {
    struct vb_box *box = arg;
    int cpu = (int)box->arg[0]; /* request 1: start on this CPU */
    pthread_setname_np(pthread_self(), "vbench-tracer"); /* else the supervisor's name, in ps and perf */
    /* Every signal but SIGCHLD is blocked: the JVM's handlers must not run here. SIGCHLD stays
       open because each stop of a tracee sends its tracer one: unblocked and at its default it is
       dropped at once; blocked, it would wake some other thread of the JVM at every stop. */
    block_signals(NULL);
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        sched_setaffinity(0, sizeof set, &set);
    }
    /* The start request (number 1) is answered once this thread is set up. */
    atomic_store(&box->done, 1);
    if (atomic_load(&box->caller_sleeping)) futex(&box->done, FUTEX_WAKE_PRIVATE, 1);
    int32_t seen = 1;
    for (;;) {
        seen = await_change(&box->request, seen, &box->tracer_sleeping);
        int quit = box->op == VB_QUIT;
        execute(box);
        atomic_store(&box->done, seen);
        if (atomic_load(&box->caller_sleeping)) futex(&box->done, FUTEX_WAKE_PRIVATE, 1);
        if (quit) return NULL;
    }
}

/* Starts the tracer thread on `cpu` (or where the scheduler likes, if negative) and returns 0 once
 * it has taken request 1, or an errno. `box` must stay mapped until VB_QUIT is done. */
int vb_tracer_start(struct vb_box *box, int cpu) {
    box->arg[0] = cpu;
    atomic_store(&box->request, 1);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int e = pthread_create(&t, &attr, run, box);
    pthread_attr_destroy(&attr);
    if (e != 0) return e;
    await_change(&box->done, 0, &box->caller_sleeping);
    return 0;
}

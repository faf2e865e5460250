package dev.vbench.model;

import dev.vbench.clock.Counts;

/**
 * The names of the counts the engine supplies for a run (a map of name to count). A model prices
 * any subset of them; a name a run does not report counts as zero. The counter's names are
 * virtual-clock's {@link Counts}, here as a model reads them; the rest are result fields and
 * system-call classes.
 */
public final class FeatureNames {
    private FeatureNames() {}

    /** Retired guest instructions (Valgrind: exact; perf: the PMU's count). */
    public static final String INSTRUCTIONS = Counts.INSTRUCTIONS;
    /** Retired conditional branches. */
    public static final String BRANCHES_CONDITIONAL = Counts.BRANCHES_CONDITIONAL;
    /** Indirect jumps and calls. */
    public static final String BRANCHES_INDIRECT = Counts.BRANCHES_INDIRECT;
    /** All system calls of the guest tree. */
    public static final String SYSCALLS = Counts.SYSCALLS;
    /**
     * The system calls by class (determinism-core's SyscallClass; they sum to {@link #SYSCALLS}):
     * those that read or set a little state (getpid, clock_gettime, rt_sigprocmask...).
     */
    public static final String SYSCALLS_CHEAP = "syscalls_cheap";
    /** System calls on files, descriptors and paths (open, read, write, stat, getdents, sockets...). */
    public static final String SYSCALLS_FILE = "syscalls_file";
    /** Process and thread life (clone, fork, vfork, execve, exit, exit_group). */
    public static final String SYSCALLS_PROCESS = "syscalls_process";
    /** The address space (mmap, munmap, mprotect, brk, madvise...). */
    public static final String SYSCALLS_MEMORY = "syscalls_memory";
    /** Calls made to wait (futex, wait4, poll, epoll_wait, nanosleep, sched_yield...). */
    public static final String SYSCALLS_BLOCKING = "syscalls_blocking";
    /** Bytes returned by read-like calls and written by write-like calls. */
    public static final String BYTES_READ = Counts.BYTES_READ;
    public static final String BYTES_WRITTEN = Counts.BYTES_WRITTEN;
    /** Accessible bytes mapped (mmap), and the growth of mremap and brk. */
    public static final String BYTES_MAPPED = Counts.BYTES_MAPPED;
    /**
     * 4 KiB pages first written since they were mapped (vbcount), each a page fault and a page
     * zeroed natively, counted without the kernel's nondeterminism (fault-around, huge pages).
     */
    public static final String PAGES_TOUCHED = Counts.PAGES_TOUCHED;
    /**
     * Loads and stores missing both of vbcount's simulated caches (direct-mapped 64-byte lines, 1 MiB
     * then 32 MiB, the same on every host: a core's L2 and a last-level cache, approximately) that
     * continue no sequential stream: each waits for memory.
     */
    public static final String CACHE_MISSES = Counts.CACHE_MISSES;
    /** Loads and stores missing the simulated 1 MiB cache that the 32 MiB one holds: each waits for the last level. */
    public static final String CACHE_MID_MISSES = Counts.CACHE_MID_MISSES;
    /** Misses that continue a sequential stream: a prefetcher fetches them ahead (bandwidth, not latency). */
    public static final String CACHE_LINES_STREAMED = Counts.CACHE_LINES_STREAMED;
    /** Atomic read-modify-writes (lock-prefixed, cmpxchg, xchg): a full barrier each, more when contended. */
    public static final String ATOMIC_OPS = Counts.ATOMIC_OPS;
    /** Conditional branches vbcount's simulated gshare predictor (2-bit counters, 14 outcomes of history) mispredicted. */
    public static final String BRANCH_MISPREDICTS = Counts.BRANCH_MISPREDICTS;
    /** Integer and floating-point divisions and square roots: tens of cycles each. */
    public static final String LONG_LATENCY_OPS = Counts.LONG_LATENCY_OPS;
    /**
     * Issue slots of a fixed 4-wide core (vbcount): instructions, or four per cycle of the
     * dependency chain a loop carries, whichever is larger, per superblock run.
     */
    public static final String ISSUE_SLOTS = Counts.ISSUE_SLOTS;
    /** Processes started in the guest tree, the root included: start-up cost (exec, loader). */
    public static final String PROCESSES = "processes";
    /** Threads created, main threads included. */
    public static final String THREADS = "threads";
    /** Switches between guest threads made by the scheduler. */
    public static final String CONTEXT_SWITCHES = "context_switches";
    /** rdtsc and cpuid instructions trapped and answered. */
    public static final String TRAPS = Counts.TRAPS;
    /** Nanoseconds the guest slept (nanosleep, timeouts): native runs wait them out. */
    public static final String SLEEP_NS = Counts.SLEEP_NS;
    /** Cache events for the estimated-cycles formula, when a backend simulates caches (cachegrind's Dr, Dw, I1mr+D1mr+D1mw, ILmr+DLmr+DLmw). */
    public static final String DATA_READS = "data_reads";
    public static final String DATA_WRITES = "data_writes";
    public static final String L1_MISSES = "l1_misses";
    public static final String LL_MISSES = "ll_misses";
}

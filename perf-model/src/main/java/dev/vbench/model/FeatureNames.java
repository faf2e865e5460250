package dev.vbench.model;

/**
 * The names of the counts the engine supplies for a run (a map of name to count). A model prices
 * any subset of them; a name a run does not report counts as zero.
 */
public final class FeatureNames {
    private FeatureNames() {}

    /** Retired guest instructions (Valgrind: exact; perf: the PMU's count). */
    public static final String INSTRUCTIONS = "instructions";
    /** Retired conditional branches. */
    public static final String BRANCHES_CONDITIONAL = "branches_conditional";
    /** Indirect jumps and calls. */
    public static final String BRANCHES_INDIRECT = "branches_indirect";
    /** All system calls of the guest tree. */
    public static final String SYSCALLS = "syscalls";
    /** System calls on files and descriptors (open, read, write, stat, ...): a subset of syscalls. */
    public static final String SYSCALLS_FILE = "syscalls_file";
    /** Process and thread management (clone, fork, execve, wait4, exit): a subset of syscalls. */
    public static final String SYSCALLS_PROCESS = "syscalls_process";
    /** Memory management (mmap, munmap, mprotect, brk): a subset of syscalls. */
    public static final String SYSCALLS_MEMORY = "syscalls_memory";
    /** Bytes returned by read-like calls and written by write-like calls. */
    public static final String BYTES_READ = "bytes_read";
    public static final String BYTES_WRITTEN = "bytes_written";
    /** Pages first touched (page faults), a proxy for memory footprint. */
    public static final String PAGES_TOUCHED = "pages_touched";
    /** Processes started in the guest tree, the root included: start-up cost (exec, loader). */
    public static final String PROCESSES = "processes";
    /** Threads created, main threads included. */
    public static final String THREADS = "threads";
    /** Switches between guest threads made by the scheduler. */
    public static final String CONTEXT_SWITCHES = "context_switches";
    /** rdtsc and cpuid instructions trapped and answered. */
    public static final String TRAPS = "traps";
    /** Nanoseconds the guest slept (nanosleep, timeouts): native runs wait them out. */
    public static final String SLEEP_NS = "sleep_ns";
    /** Cache events for the estimated-cycles formula, when a backend simulates caches (cachegrind's Dr, Dw, I1mr+D1mr+D1mw, ILmr+DLmr+DLmw). */
    public static final String DATA_READS = "data_reads";
    public static final String DATA_WRITES = "data_writes";
    public static final String L1_MISSES = "l1_misses";
    public static final String LL_MISSES = "ll_misses";
}

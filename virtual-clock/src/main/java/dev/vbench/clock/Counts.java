package dev.vbench.clock;

/**
 * The names of the counts vbench knows, as results and cost models name them. A counter backend
 * reports its counts under these names (or, for an extra perf event, under the event's own name),
 * so a count is never identified by its position.
 */
public final class Counts {
    public static final String INSTRUCTIONS = "instructions";
    public static final String BRANCHES_CONDITIONAL = "branches_conditional";
    public static final String BRANCHES_INDIRECT = "branches_indirect";
    /** The guest's system calls. */
    public static final String SYSCALLS = "syscalls";
    /** Trapped and emulated rdtsc, rdtscp and cpuid instructions. */
    public static final String TRAPS = "traps";
    /** Bytes the guest's read-like system calls returned (read, pread64, readv, recvfrom, ...). */
    public static final String BYTES_READ = "bytes_read";
    /** Bytes the guest's write-like system calls took (write, pwrite64, writev, sendto, sendfile, ...). */
    public static final String BYTES_WRITTEN = "bytes_written";
    /** Accessible bytes the guest mapped (mmap), and by which mremap and brk grew its mappings. */
    public static final String BYTES_MAPPED = "bytes_mapped";
    /** 4 KiB pages first written since they were mapped (by the guest, or by the kernel for it). */
    public static final String PAGES_TOUCHED = "pages_touched";
    /**
     * Accesses that missed both of vbcount's simulated caches (direct-mapped, 1 MiB then 32 MiB of
     * 64-byte lines) and continued no sequential stream: they wait for memory.
     */
    public static final String CACHE_MISSES = "cache_misses";
    /** Accesses that missed the simulated 1 MiB cache but hit the 32 MiB one: they wait for the last level. */
    public static final String CACHE_MID_MISSES = "cache_mid_misses";
    /** Misses that continued a sequential stream, which a hardware prefetcher fetches ahead. */
    public static final String CACHE_LINES_STREAMED = "cache_lines_streamed";
    /** Atomic read-modify-writes (lock-prefixed instructions, cmpxchg, xchg with memory). */
    public static final String ATOMIC_OPS = "atomic_ops";
    /** Conditional branches vbcount's simulated gshare predictor (2-bit counters, 14 outcomes of history) mispredicted. */
    public static final String BRANCH_MISPREDICTS = "branch_mispredicts";
    /** Integer and floating-point divisions and square roots executed. */
    public static final String LONG_LATENCY_OPS = "long_latency_ops";
    /**
     * Issue slots a fixed 4-wide out-of-order core spends on the instructions run: per superblock
     * run, the larger of its instructions and four times the longest dependency chain a loop carries
     * through it (vbcount's vb_slots.c; fixed latencies, the same on every host). A quarter of a
     * cycle each: what separates a loop of independent additions from one waiting on each division.
     */
    public static final String ISSUE_SLOTS = "issue_slots";
    /** Virtual nanoseconds the guest spent asleep or waiting for a deadline (time jumps, not work). */
    public static final String SLEEP_NS = "sleep_ns";

    /** Counts vbcount gives only when it checks the guest's stores (--vbcount-mem=stores or all). */
    public static final java.util.Set<String> STORE_CHECKS = java.util.Set.of(PAGES_TOUCHED);
    /** Counts vbcount gives only with its simulated cache on (off by default: it costs). */
    public static final java.util.Set<String> CACHE_SIMULATION = java.util.Set.of(CACHE_MISSES, CACHE_MID_MISSES,
            CACHE_LINES_STREAMED);
    /** Counts vbcount gives only with its simulated branch predictor on (off by default). */
    public static final java.util.Set<String> BRANCH_SIMULATION = java.util.Set.of(BRANCH_MISPREDICTS);
    /** Every count vbcount takes only when asked: a run may lack them although its counter could give them. */
    public static final java.util.Set<String> ON_REQUEST = java.util.stream.Stream.of(STORE_CHECKS, CACHE_SIMULATION,
            BRANCH_SIMULATION).flatMap(java.util.Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Counts() {}
}

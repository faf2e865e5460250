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

    private Counts() {}
}

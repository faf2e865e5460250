package dev.vbench.clock;

/**
 * The price of each counted event in virtual nanoseconds. The default is Hermit's published model;
 * a model calibrated by regression against wall time (perf-model) replaces the coefficients.
 */
public record CostModel(String name, double nanosPerSyscall, double nanosPerConditionalBranch,
                        double nanosPerInstruction, double nanosPerTrap) {

    /** Hermit: 10 us per system call, 10 ns per retired conditional branch, 25 ns per rdtsc/cpuid trap. */
    public static final CostModel DEFAULT = new CostModel("default", 10_000, 10, 0, 25);

    public CostModel {
        for (double c : new double[] {nanosPerSyscall, nanosPerConditionalBranch, nanosPerInstruction, nanosPerTrap}) {
            if (!(c >= 0) || Double.isInfinite(c)) { // also rejects NaN
                throw new IllegalArgumentException("cost model " + name + " has a negative or non-finite coefficient");
            }
        }
    }

    /** The virtual time of a piece of work, rounded down to whole nanoseconds. */
    public long nanos(long syscalls, long conditionalBranches, long instructions, long traps) {
        return (long) (syscalls * nanosPerSyscall + conditionalBranches * nanosPerConditionalBranch
                + instructions * nanosPerInstruction + traps * nanosPerTrap);
    }
}

package dev.vbench.core.sched;

/**
 * How the scheduler chooses among ready threads. Every choice is a function of the run's history
 * and the scheduler seed only, so a schedule replays exactly.
 */
public enum SchedulingPolicy {
    /** Seed 0: run a thread until it blocks, yields or uses up its slice, then the longest-waiting one. */
    ROUND_ROBIN,
    /** Another seed: the next thread is drawn from the ready ones by the seeded generator; slices vary. */
    SEEDED,
    /**
     * --chaos: PCT-style. Each thread gets a random priority when it appears; the highest ready one
     * runs; at random points the running thread's priority drops below all others; and any system
     * call may end a slice. Explores interleavings that plain schedules rarely produce.
     */
    CHAOS
}

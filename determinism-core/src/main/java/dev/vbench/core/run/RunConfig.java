package dev.vbench.core.run;

import dev.vbench.core.run.InvalidRunConfig.Setting;
import java.util.List;

/**
 * Everything that defines one determinized run. Two runs with equal configs (and equal guest
 * programs and inputs) see the same world.
 *
 * @param command      the guest command; argv[0] is resolved by the caller
 * @param environment  the guest's complete environment, NAME=VALUE
 * @param seed         seeds every random byte the guest reads
 * @param epochNanos   CLOCK_REALTIME at the guest's start, ns since 1970
 * @param cpus         the number of CPUs the guest sees
 * @param memoryBytes  the RAM the guest sees
 * @param passTerminal answer terminal ioctls from the real terminal instead of "not a terminal"
 * @param redirects    where the guest's stdout and stderr go
 * @param schedSeed    seeds the scheduler's choices (0: plain round robin)
 * @param chaos        randomized, PCT-style schedules from {@code schedSeed}
 * @param workingDirectory the guest's starting directory (absolute), or null for vbench's own
 * @param hiddenPaths  absolute paths the guest does not see in directory listings: vbench's own
 *                     outputs (a result file written beside the program would otherwise be new
 *                     input to the next run)
 * @param maxProcesses the most guest processes alive at once; a fork beyond fails with EAGAIN, as
 *                     under RLIMIT_NPROC (a fork bomb ends at it instead of exhausting the host)
 */
public record RunConfig(
        List<String> command,
        List<String> environment,
        long seed,
        long epochNanos,
        int cpus,
        long memoryBytes,
        boolean passTerminal,
        Redirects redirects,
        long schedSeed,
        boolean chaos,
        String workingDirectory,
        List<String> hiddenPaths,
        int maxProcesses) {

    public static final long DEFAULT_SEED = 0;
    /**
     * 2030-01-01T00:00:00Z: a fixed, documented origin for the guest's wall clock, later than the
     * host's own files, so they are all in the guest's past (files the run creates are newer than
     * every file that predates it, as natively).
     */
    public static final long DEFAULT_EPOCH_NANOS = 1_893_456_000L * 1_000_000_000L;
    public static final int DEFAULT_CPUS = 4;
    public static final long DEFAULT_MEMORY_BYTES = 8L << 30;
    public static final int MAX_CPUS = 1024;
    public static final long MIN_MEMORY_BYTES = 16L << 20;
    public static final int DEFAULT_MAX_PROCESSES = 1024;

    public RunConfig {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        hiddenPaths = hiddenPaths == null ? List.of() : List.copyOf(hiddenPaths);
        if (command.isEmpty()) {
            throw new InvalidRunConfig(Setting.COMMAND, "is empty: there is no program to run");
        }
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new InvalidRunConfig(Setting.CPUS, "must be between 1 and " + MAX_CPUS + ", not " + cpus);
        }
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new InvalidRunConfig(Setting.MEMORY, "must be at least 16 MiB, not " + memoryBytes + " bytes");
        }
        if (maxProcesses < 1) {
            throw new InvalidRunConfig(Setting.MAX_PROCESSES, "must be at least 1, not " + maxProcesses);
        }
    }

    /** A run with the default process limit. */
    public RunConfig(List<String> command, List<String> environment, long seed, long epochNanos, int cpus,
                     long memoryBytes, boolean passTerminal, Redirects redirects, long schedSeed, boolean chaos,
                     String workingDirectory, List<String> hiddenPaths) {
        this(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects, schedSeed, chaos,
                workingDirectory, hiddenPaths, DEFAULT_MAX_PROCESSES);
    }

    /** A run in vbench's own working directory, hiding nothing. */
    public RunConfig(List<String> command, List<String> environment, long seed, long epochNanos, int cpus,
                     long memoryBytes, boolean passTerminal, Redirects redirects, long schedSeed, boolean chaos) {
        this(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects, schedSeed, chaos, null,
                List.of());
    }

    public static RunConfig of(List<String> command, List<String> environment) {
        return new RunConfig(command, environment, DEFAULT_SEED, DEFAULT_EPOCH_NANOS, DEFAULT_CPUS,
                DEFAULT_MEMORY_BYTES, false, Redirects.NONE, 0, false);
    }

    public RunConfig withRedirects(Redirects newRedirects) {
        return new RunConfig(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, newRedirects,
                schedSeed, chaos, workingDirectory, hiddenPaths, maxProcesses);
    }

    public RunConfig withWorkingDirectory(String directory) {
        return new RunConfig(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects,
                schedSeed, chaos, directory, hiddenPaths, maxProcesses);
    }

    public RunConfig withMaxProcesses(int limit) {
        return new RunConfig(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects,
                schedSeed, chaos, workingDirectory, hiddenPaths, limit);
    }

    /** The same run with another command line (the same guest wrapped with other runtime options). */
    public RunConfig withCommand(List<String> newCommand) {
        return new RunConfig(newCommand, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects,
                schedSeed, chaos, workingDirectory, hiddenPaths, maxProcesses);
    }

    public RunConfig withHiddenPaths(List<String> paths) {
        return new RunConfig(command, environment, seed, epochNanos, cpus, memoryBytes, passTerminal, redirects,
                schedSeed, chaos, workingDirectory, paths, maxProcesses);
    }
}

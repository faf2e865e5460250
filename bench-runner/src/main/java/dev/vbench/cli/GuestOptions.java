package dev.vbench.cli;

import dev.vbench.core.run.RunConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that define the world a guest sees; shared by every command that runs guests. */
final class GuestOptions {
    @Option(names = "--counter", paramLabel = "BACKEND",
            description = "What counts the guest's work: auto (the hardware PMU if there is one, else valgrind), "
                    + "perf (perf_event_open), valgrind (software PMU, exact, works everywhere), none (system calls only). "
                    + "Default: ${DEFAULT-VALUE}.")
    String counter = "auto";

    @Option(names = "--perf-events", paramLabel = "EVENTS",
            description = "Events for --counter perf, comma-separated: instructions, branches (retired conditional), "
                    + "sw:NAME (task-clock, page-faults...), tracepoint:CATEGORY:NAME. Default: ${DEFAULT-VALUE}.")
    String perfEvents = dev.vbench.clock.CounterSelection.DEFAULT_PERF_EVENTS;

    @Option(names = "--max-threads", paramLabel = "N",
            description = "Under --counter valgrind, the most threads one guest process may have alive at once "
                    + "(Valgrind's own limit; default: ${DEFAULT-VALUE}).")
    int maxThreads = dev.vbench.clock.valgrind.ValgrindCounter.DEFAULT_MAX_THREADS;

    @Option(names = "--max-processes", paramLabel = "N",
            description = "The most guest processes alive at once; a fork beyond it fails with EAGAIN, as under "
                    + "RLIMIT_NPROC, and the run says so (default: ${DEFAULT-VALUE}).")
    int maxProcesses = RunConfig.DEFAULT_MAX_PROCESSES;

    @Option(names = "--sched-seed", paramLabel = "N",
            description = "Seed of the thread scheduler's choices: 0 is plain round robin; other seeds give other, "
                    + "equally reproducible schedules (default: ${DEFAULT-VALUE}).")
    long schedSeed;

    @Option(names = "--chaos", description = "Randomized PCT-style schedules from --sched-seed, to explore interleavings.")
    boolean chaos;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random byte the guest reads (default: ${DEFAULT-VALUE}).")
    long seed = RunConfig.DEFAULT_SEED;

    @Option(names = "--epoch", paramLabel = "ISO-8601",
            description = "The guest's wall-clock time at its start, e.g. 2030-01-01T00:00:00Z (default: ${DEFAULT-VALUE}).")
    String epoch = Instant.ofEpochSecond(RunConfig.DEFAULT_EPOCH_NANOS / 1_000_000_000L).toString();

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs the guest sees (default: ${DEFAULT-VALUE}).")
    int cpus = RunConfig.DEFAULT_CPUS;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory the guest sees, e.g. 8G or 512M (default: ${DEFAULT-VALUE}).")
    String memory = "8G";

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Add a variable to the guest's environment (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--host-env", description = "Start from the host's environment instead of the canonical one.")
    boolean hostEnv;

    @Option(names = "--tty", description = "Let the guest see a terminal when vbench runs in one (less deterministic).")
    boolean tty;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Kill the guest tree after this much wall time, e.g. 30s, 5m, 1h, 250ms (exit 124).")
    String timeout;

    /**
     * A copy that a suite benchmark or a seed may change without touching the command line's: every
     * option, so a new one cannot be silently dropped by one caller's hand-written copy.
     */
    GuestOptions copy() {
        GuestOptions o = new GuestOptions();
        o.counter = counter;
        o.perfEvents = perfEvents;
        o.maxThreads = maxThreads;
        o.maxProcesses = maxProcesses;
        o.schedSeed = schedSeed;
        o.chaos = chaos;
        o.seed = seed;
        o.epoch = epoch;
        o.cpus = cpus;
        o.memory = memory;
        o.env = new ArrayList<>(env);
        o.hostEnv = hostEnv;
        o.tty = tty;
        o.timeout = timeout;
        return o;
    }

    /** The option that sets {@code setting}, for messages about its value. */
    static String optionFor(dev.vbench.core.run.InvalidRunConfig.Setting setting) {
        return switch (setting) {
            case COMMAND -> "the command";
            case CPUS -> "--cpus";
            case MEMORY -> "--memory";
            case ENVIRONMENT -> "--env";
            case MAX_PROCESSES -> "--max-processes";
        };
    }

    long epochNanos() {
        try {
            Instant t = Instant.parse(epoch);
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--epoch takes an ISO-8601 instant such as 2030-01-01T00:00:00Z, not '" + epoch + "'");
        }
    }

    long memoryBytes() {
        return Sizes.parseBytes(memory, "--memory");
    }

    Duration timeoutDuration() {
        return timeout == null ? null : Sizes.parseDuration(timeout, "--timeout");
    }
}

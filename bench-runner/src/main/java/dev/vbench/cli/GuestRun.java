package dev.vbench.cli;

import dev.vbench.clock.CostModel;
import dev.vbench.clock.CounterSelection;
import dev.vbench.clock.VirtualClock;
import dev.vbench.clock.valgrind.ValgrindCounter;
import dev.vbench.core.Determinizer;
import dev.vbench.core.nativ.UnnamedFile;
import dev.vbench.core.run.CanonicalEnvironment;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.core.run.InvalidRunConfig;
import dev.vbench.core.run.Redirects;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.run.RunOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns options into a run config and executes it, capturing the guest's output when asked. */
final class GuestRun {
    /**
     * The standard descriptors (0-2) vbench was started without, which the guest must not have
     * either: ./vbench names them in -Dvbench.closedStandardDescriptors and starts the JVM with
     * /dev/null there, or the JVM would open its own files (lib/modules, the jar) at those numbers
     * and the guest would inherit them.
     */
    static final java.util.Set<Integer> CLOSED_AT_START =
            closedStandardDescriptors(System.getProperty("vbench.closedStandardDescriptors", ""));

    static java.util.Set<Integer> closedStandardDescriptors(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(f -> f.equals("0") || f.equals("1") || f.equals("2"))
                .map(Integer::valueOf)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Where captured output is held: the temporary directory, which is on disk here (see {@link UnnamedFile}). */
    private static final Path CAPTURE_DIR = Path.of(System.getProperty("java.io.tmpdir"));

    private GuestRun() {}

    /**
     * A run ready to execute any number of times.
     *
     * @param command the guest command as the user gave it (config.command() may wrap it, e.g. in valgrind)
     */
    record Prepared(List<String> command, RunConfig config, Duration timeout, CostModel model, CounterSelection counter) {
        /**
         * The same run, with vbench's own output files kept out of the guest's directory listings
         * (a result written beside the program must not be new input to the next run).
         */
        Prepared hiding(Path... outputs) {
            List<String> hidden = new ArrayList<>(config.hiddenPaths());
            for (Path p : outputs) {
                if (p != null) {
                    hidden.add(p.toAbsolutePath().normalize().toString());
                }
            }
            return new Prepared(command, config.withHiddenPaths(hidden), timeout, model, counter);
        }

        /**
         * The same run with per-function attribution: vbcount writes each process image's profile
         * into {@code dir} (hidden from the guest). Only the valgrind counter attributes.
         *
         * @throws IllegalArgumentException if the counter is not valgrind
         */
        Prepared attributing(Path dir) {
            if (!(counter.backend() instanceof ValgrindCounter)) {
                throw new IllegalArgumentException("--attribute needs --counter valgrind (the counter here is "
                        + counter.backend().name() + "): only vbcount attributes counts to functions");
            }
            List<String> hidden = new ArrayList<>(config.hiddenPaths());
            hidden.add(dir.toAbsolutePath().normalize().toString());
            RunConfig attributed = config.withCommand(ValgrindCounter.attributing(config.command(), command, dir))
                    .withHiddenPaths(hidden);
            return new Prepared(command, attributed, timeout, model, counter);
        }

        /**
         * The same run, counting {@code counts} too where the counter must simulate to give them
         * (vbcount's cache and branch predictor, off by default for their cost): what a calibrated
         * model that prices them needs.
         */
        Prepared simulating(java.util.Collection<String> counts) {
            if (!(counter.backend() instanceof ValgrindCounter)) {
                return this;
            }
            return new Prepared(command, config.withCommand(ValgrindCounter.simulating(config.command(), command, counts)),
                    timeout, model, counter);
        }

        /**
         * @param capture collect the guest's stdout and stderr (in unnamed files on disk, which the
         *                guest cannot see in any directory and which cost no memory however much it
         *                writes) instead of passing vbench's own through
         */
        Completed execute(boolean capture) throws InterruptedException {
            UnnamedFile out = capture ? UnnamedFile.in(CAPTURE_DIR) : null;
            UnnamedFile err = capture ? UnnamedFile.in(CAPTURE_DIR) : null;
            RunConfig c = capture
                    ? config.withRedirects(new Redirects(out.path(), err.path(), config.redirects().closed()))
                    : config;
            try {
                VirtualClock clock = new VirtualClock(model, counter.backend());
                // Region markers are the one call family vbench answers for the guest's own sake;
                // the backend's handlers answer its wrapper's (Valgrind's temporary files).
                List<dev.vbench.core.handlers.SyscallHandler> extra = new ArrayList<>(counter.backend().handlers());
                extra.add(clock.regionMarkers());
                RunOutcome outcome = Determinizer.run(c, clock, counter.backend(), timeout, extra);
                return new Completed(outcome, clock, out, err, ValgrindCounter.unsimulated(config.command(), command));
            } catch (RuntimeException | InterruptedException e) {
                if (capture) {
                    out.close();
                    err.close();
                }
                throw e;
            }
        }
    }

    /** One finished run; with capture, its stdout and stderr are held until closed. */
    /** @param unmeasured counts the backend reports as 0 because their simulation was off: not measured */
    record Completed(RunOutcome outcome, VirtualClock clock, UnnamedFile capturedOut, UnnamedFile capturedErr,
                     java.util.Set<String> unmeasured) implements AutoCloseable {
        Path stdout() {
            return capturedOut == null ? null : Path.of(capturedOut.path());
        }

        Path stderr() {
            return capturedErr == null ? null : Path.of(capturedErr.path());
        }

        String stdoutSha256() {
            return sha256(stdout());
        }

        String stderrSha256() {
            return sha256(stderr());
        }

        /** Copies the captured output to vbench's own stdout and stderr. */
        void replayOutput() {
            copy(stdout(), System.out);
            copy(stderr(), System.err);
        }

        private static void copy(Path file, OutputStream out) {
            if (file == null) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (capturedOut != null) {
                capturedOut.close();
                capturedErr.close();
            }
        }
    }

    /**
     * What the result should say about the run beyond its counts: the guest-CPU instructions that
     * could not be virtualized on this host, and what the supervisor met.
     */
    static List<String> notes(Prepared prepared, Completed run) {
        RunOutcome o = run.outcome();
        var backend = prepared.counter().backend();
        List<String> notes = new ArrayList<>();
        if (!o.rdtscVirtualized() && !backend.virtualizesTsc()) {
            notes.add("rdtsc is not virtualized: this host does not trap it (PR_SET_TSC has no effect, as under "
                    + "some hypervisors); guests that read the TSC directly see real time (--counter valgrind answers it)");
        }
        if (!o.cpuidVirtualized()) {
            notes.add(backend.cpuidSource() != null
                    ? "cpuid is answered by " + backend.cpuidSource()
                    : "cpuid is not virtualized: this host has no CPUID faulting; guests see the host's CPU");
        }
        if (o.scheduler().spinPreemptions() > 0 && !backend.preemptsAtTimeSlices()) {
            notes.add("a thread that spins without system calls is preempted deterministically only under "
                    + "--counter valgrind");
        }
        if (o.runtimeSyscalls() > 0) {
            notes.add("the guest's system calls were counted by Valgrind's syscall wrapper (vbcount); the supervisor "
                    + "saw " + o.runtimeSyscalls() + " system calls of the Valgrind process in all");
        }
        notes.addAll(o.problems());
        notes.addAll(o.notes());
        return notes;
    }

    /**
     * Checks the options and finds the program and the counter.
     *
     * @throws CommandResolver.Unrunnable if the program cannot be found or run (exit 127, 126)
     * @throws IllegalArgumentException   if an option's value is wrong; the message names the option
     * @throws CounterSelection.Unavailable if the counter asked for cannot be used here; the message says what to do
     */
    static Prepared prepare(GuestOptions options, List<String> command)
            throws CommandResolver.Unrunnable, CounterSelection.Unavailable {
        return prepare(options, command, null);
    }

    /**
     * As {@link #prepare(GuestOptions, List)}, the guest starting in {@code workingDirectory} (null:
     * vbench's own). A program named by a path keeps the path as the user wrote it, so the guest's
     * argv[0] (and the auxiliary vector's file name, which the loader reads) do not carry the
     * checkout's absolute path; a bare name is found in the PATH, as a shell does.
     */
    static Prepared prepare(GuestOptions options, List<String> command, Path workingDirectory)
            throws CommandResolver.Unrunnable, CounterSelection.Unavailable {
        List<String> resolved = new ArrayList<>(command);
        String program = CommandResolver.resolve(command.get(0), HostEnvironment.get("PATH"), workingDirectory);
        if (!command.get(0).contains("/")) {
            resolved.set(0, program);
        }
        CounterSelection counter = selectCounter(options);
        try {
            List<String> env = new ArrayList<>(CanonicalEnvironment.build(HostEnvironment.get(), options.hostEnv, options.env));
            env.addAll(counter.backend().launchEnvironment());
            RunConfig config = new RunConfig(counter.backend().launchCommand(resolved), env, options.seed,
                    options.epochNanos(), options.cpus, options.memoryBytes(), options.tty,
                    new Redirects(null, null, CLOSED_AT_START),
                    options.schedSeed, options.chaos)
                    // vbench's store of baselines and history, where it keeps results between runs
                    .withHiddenPaths(List.of(Path.of(".vbench").toAbsolutePath().toString()))
                    .withWorkingDirectory(workingDirectory == null ? null : workingDirectory.toAbsolutePath().toString())
                    .withMaxProcesses(options.maxProcesses);
            return new Prepared(List.copyOf(resolved), config, options.timeoutDuration(), CostModel.DEFAULT, counter);
        } catch (InvalidRunConfig e) {
            throw new IllegalArgumentException(GuestOptions.optionFor(e.setting()) + " " + e.problem(), e);
        }
    }

    private static CounterSelection selectCounter(GuestOptions options) throws CounterSelection.Unavailable {
        CounterSelection.Choice choice;
        try {
            choice = CounterSelection.Choice.parse(options.counter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--counter: " + e.getMessage(), e);
        }
        try {
            return CounterSelection.select(choice, options.perfEvents, options.maxThreads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--perf-events: " + e.getMessage(), e);
        } catch (CounterSelection.Unavailable e) {
            String advice = switch (e.missing()) {
                case NO_PMU -> "; use --counter valgrind (a software counter that works everywhere)";
                case VALGRIND -> "";
                case PERF_EVENT -> "; choose other events with --perf-events";
            };
            throw new CounterSelection.Unavailable(e.missing(), e.getMessage() + advice, e);
        }
    }

    static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) {
        if (file == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

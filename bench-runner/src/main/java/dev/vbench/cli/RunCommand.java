package dev.vbench.cli;

import dev.vbench.core.handlers.WorkspaceScan;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.format.TextFormat;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vbench run [options] -- CMD [ARGS...]}: one determinized run of a program. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Run CMD once under the determinizer. Its stdin, stdout, stderr and exit status are its own.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GuestOptions guest;

    @Option(names = "--summary", description = "Print counts and virtual time to stderr after the guest exits.")
    boolean summary;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the run as a result file (schema vbench.result/1).")
    Path json;

    @Option(names = "--name", paramLabel = "NAME", description = "The benchmark's name in the result (default: the program's name).")
    String name;

    @Option(names = "--verify", description = "Run twice; exit 1 and say what differed if anything observable differs.")
    boolean verify;

    @Option(names = "--attribute", paramLabel = "FILE",
            description = "Attribute the counts to functions and call paths (--counter valgrind) and write the profile "
                    + "to FILE (schema vbench.profile/1, atomically); --json's result refers to it.")
    Path attribute;

    @Option(names = "--model", paramLabel = "MODEL.json",
            description = "A calibrated model (vbench calibrate) that prices the counts as calibrated_time_ns; "
                    + "default: the model vbench ships for the counter, if fitted on this kind of machine. "
                    + "The guest's clocks keep the fixed default model.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments (put -- before them).")
    List<String> command = new ArrayList<>();

    /**
     * Begins the scan of the guest's workspace (vbench's working directory) first thing, before the
     * command line is parsed, so that it overlaps vbench's start-up: the run takes it if its hidden
     * paths are those {@link #earlyHiddenPaths} guessed (else it scans anew: a wrong guess costs
     * time, never a wrong result). Not where the workspace holds vbench's cache or the temporary
     * directory, which vbench may write to while it starts (a cache made on first use).
     */
    static void scanWorkspaceEarly(String[] args) {
        Path workspace = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (Caches.root().toAbsolutePath().normalize().startsWith(workspace) || tmp.startsWith(workspace)) {
            return;
        }
        List<String> hidden = earlyHiddenPaths(args);
        if (hidden != null) {
            WorkspaceScan.beginEarly(workspace, hidden);
        }
    }

    /**
     * The paths the run of {@code vbench run ARGS} will hide, read from the raw arguments as picocli
     * would (options anywhere before "--"); null with --attribute, which hides a directory made later.
     */
    static List<String> earlyHiddenPaths(String[] args) {
        List<String> hidden = new ArrayList<>(List.of(Path.of(".vbench").toAbsolutePath().toString()));
        try {
            for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
                if (args[i].equals("--attribute") || args[i].startsWith("--attribute=")) {
                    return null;
                }
                String json = args[i].equals("--json") && i + 1 < args.length ? args[++i]
                        : args[i].startsWith("--json=") ? args[i].substring("--json=".length()) : null;
                if (json != null) {
                    hidden.add(Path.of(json).toAbsolutePath().normalize().toString());
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return null; // picocli or the run will say what is wrong
        }
        return hidden;
    }

    @Override
    public Integer call() throws Exception {
        GuestRun.Prepared prepared;
        try {
            if (json != null) {
                OutputPaths.checkWritable(json, "--json");
            }
            if (attribute != null) {
                OutputPaths.checkWritable(attribute, "--attribute");
            }
            prepared = GuestRun.prepare(guest, command).hiding(json, attribute);
            if (attribute != null) {
                prepared.attributing(Path.of("/nonexistent")); // refuses another counter than valgrind now
            }
        } catch (CommandResolver.Unrunnable e) {
            System.err.println("vbench: " + e.getMessage());
            return e.exitCode;
        } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
            System.err.println("vbench: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        CalibratedModels.Choice calibrated;
        try {
            calibrated = CalibratedModels.choose(model, prepared.counter().backend().name(), ExitCodes.RUN_FAILED);
            prepared = prepared.simulating(calibrated.pricedCounts());
        } catch (UserError e) {
            System.err.println("vbench: " + e.getMessage());
            return e.exitCode;
        }
        boolean capture = verify || json != null || attribute != null;
        List<GuestRun.Completed> runs = new ArrayList<>();
        dev.vbench.reports.profile.BenchmarkProfile profile = null;
        for (int i = 0; i < (verify ? 2 : 1); i++) {
            GuestRun.Completed run;
            if (i == 0 && attribute != null) {
                Attribution.Attributed a = Attribution.run(benchmarkName(), prepared);
                run = a.run();
                profile = a.profile();
            } else {
                run = prepared.execute(capture);
            }
            runs.add(run);
            if (run.outcome().termination() != RunOutcome.Termination.GUEST_EXITED) {
                break; // a timeout, an interrupt or a deadlock: nothing to verify against
            }
        }
        GuestRun.Completed first = runs.get(0);
        if (capture) {
            first.replayOutput();
        }
        List<String> differences = runs.size() == 2 ? Verification.differences(runs.get(0), runs.get(1)) : List.of();
        Benchmark benchmark = ResultFiles.benchmark(benchmarkName(), prepared, runs, differences.isEmpty());
        if (profile != null) {
            var ref = Attribution.write(Attribution.profile(List.of(profile), prepared.model()), attribute,
                    json == null ? null : json.toAbsolutePath().getParent());
            benchmark = benchmark.toBuilder().profile(ref).build();
            profile.notes().forEach(n -> System.err.println("vbench: --attribute: " + n));
        }
        Result result = calibrated.price(ResultFiles.result(prepared, first, List.of(benchmark)));
        if (summary) {
            printSummary(result);
        }
        if (json != null) {
            ResultFiles.write(result, json, "--json", ExitCodes.RUN_FAILED);
        }
        runs.forEach(GuestRun.Completed::close);
        first.outcome().problems().forEach(p -> System.err.println("vbench: " + p));
        int status = statusOf(first.outcome());
        if (!differences.isEmpty()) {
            System.err.println("vbench: --verify: the two runs differ:");
            differences.forEach(d -> System.err.println("  " + d));
            return ExitCodes.DIFFERENCE;
        }
        if (verify && runs.size() == 2) {
            System.err.println("vbench: --verify: both runs identical (stdout, stderr, exit status, counts, "
                    + first.outcome().syscalls() + " system calls in the same order, virtual time)");
        }
        return status;
    }

    private static void printSummary(Result result) throws IOException {
        PrintWriter err = new PrintWriter(System.err, false, java.nio.charset.StandardCharsets.UTF_8);
        new TextFormat().writeOut(result, err);
        err.flush();
    }

    private String benchmarkName() {
        return name != null ? name : Path.of(command.get(0)).getFileName().toString();
    }

    private static int statusOf(RunOutcome outcome) {
        return switch (outcome.termination()) {
            case TIMED_OUT -> {
                System.err.println("vbench: the guest timed out and was killed");
                yield ExitCodes.TIMED_OUT;
            }
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            case DEADLOCK -> {
                System.err.println("vbench: deadlock: every guest thread waits for something no guest thread can do:");
                outcome.deadlock().forEach(w -> System.err.println("  " + w));
                yield ExitCodes.INTERNAL;
            }
            case GUEST_EXITED -> {
                if (outcome.signaled()) {
                    System.err.println("vbench: the guest was killed by " + dev.vbench.core.nativ.Signals.name(outcome.signal()));
                }
                yield outcome.shellStatus();
            }
        };
    }
}

package dev.vbench.cli;

import dev.vbench.core.Determinizer;
import dev.vbench.core.RunOutcome;
import dev.vbench.core.supervisor.GuestDeadlock;
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

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments (put -- before them).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        GuestRun.Prepared prepared;
        try {
            prepared = GuestRun.prepare(guest, command);
        } catch (CommandResolver.Unrunnable e) {
            System.err.println("vbench: " + e.getMessage());
            return e.exitCode;
        } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
            System.err.println("vbench: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        boolean capture = verify || json != null;
        List<GuestRun.Completed> runs = new ArrayList<>();
        try {
            for (int i = 0; i < (verify ? 2 : 1); i++) {
                runs.add(prepared.execute(capture));
            }
        } catch (Determinizer.SupervisorFailure e) {
            if (e.getCause() instanceof GuestDeadlock) {
                System.err.println("vbench: deadlock: " + e.getMessage().stripTrailing());
                return ExitCodes.INTERNAL;
            }
            throw e;
        }
        GuestRun.Completed first = runs.get(0);
        if (capture) {
            first.replayOutput();
        }
        RunOutcome outcome = first.outcome();
        if (summary) {
            System.err.print(RunSummary.format(prepared, first));
        }
        int status = statusOf(outcome);
        List<String> differences = verify ? Verification.differences(runs.get(0), runs.get(1)) : List.of();
        if (json != null) {
            ResultFiles.writeRun(json, benchmarkName(), prepared, runs, differences.isEmpty());
        }
        runs.forEach(GuestRun.Completed::close);
        if (!differences.isEmpty()) {
            System.err.println("vbench: --verify: the two runs differ:");
            differences.forEach(d -> System.err.println("  " + d));
            return ExitCodes.DIFFERENCE;
        }
        if (verify) {
            System.err.println("vbench: --verify: both runs identical (stdout, stderr, exit status, "
                    + outcome.syscalls() + " system calls in the same order)");
        }
        return status;
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
            case GUEST_EXITED -> {
                if (outcome.signaled()) {
                    System.err.println("vbench: the guest was killed by " + dev.vbench.core.nativ.Signals.name(outcome.signal()));
                }
                yield outcome.shellStatus();
            }
        };
    }
}

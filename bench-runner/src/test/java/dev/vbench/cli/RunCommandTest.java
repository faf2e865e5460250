package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vbench run's early workspace scan guesses the paths the run will hide. */
class RunCommandTest {
    /** The paths a run of {@code args} hides, as RunCommand.call prepares it. */
    private static Set<String> hiddenByTheRun(String... args) throws Exception {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        return Set.copyOf(GuestRun.prepare(run.guest, run.command).hiding(run.json, run.attribute).config().hiddenPaths());
    }

    private static void guessedRight(String... args) throws Exception {
        assertThat(RunCommand.earlyHiddenPaths(args)).as(String.join(" ", args))
                .containsExactlyInAnyOrderElementsOf(hiddenByTheRun(args));
    }

    @Test
    void theGuessIsWhatTheRunHides() throws Exception {
        guessedRight("run", "--counter", "none", "--", "/bin/true");
        guessedRight("run", "--counter", "none", "--json", "out.json", "--", "/bin/true");
        guessedRight("run", "--json=../elsewhere/./out.json", "--counter=none", "--summary", "/bin/true");
        guessedRight("run", "--counter", "none", "/bin/echo", "--json", "x.json");
        guessedRight("run", "--counter", "none", "--", "/bin/echo", "--json", "the guest's own");
    }

    @Test
    void noGuessWithAttribution() {
        assertThat(RunCommand.earlyHiddenPaths(new String[] {"run", "--attribute", "p.json", "--", "/bin/true"})).isNull();
        assertThat(RunCommand.earlyHiddenPaths(new String[] {"run", "--attribute=p.json", "/bin/true"})).isNull();
    }
}

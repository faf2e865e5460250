package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line up to the point where a guest would start: every case here fails validation
 * (or only prints), so nothing is traced. {@code --counter none} keeps counter selection from
 * probing the PMU or building the Valgrind tool.
 */
class MainTest {

    private record Outcome(int status, String out, String err) {}

    private static synchronized Outcome execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionExitsZeroAndNamesVbench() {
        Outcome o = execute("--version");
        assertThat(o.status).isZero();
        assertThat(o.out).startsWith("vbench ").contains("Java ");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Outcome o = execute("--help");
        assertThat(o.status).isZero();
        assertThat(o.out).containsPattern("(?m)^Commands:\\R  run +Run CMD")
                .containsPattern("(?m)^  demo +Run a bundled program").contains("Exit codes:");
    }

    /** Each name in Main.SUBCOMMANDS is the one its command declares, so a named command finds its class. */
    @Test
    void everySubcommandIsListedUnderItsOwnName() {
        Main.SUBCOMMANDS.forEach((name, command) -> assertThat(
                new picocli.CommandLine(command.get()).getCommandName()).isEqualTo(name));
        assertThat(execute("--help").out).contains("  variance ", "  history ", "  help ");
    }

    @Test
    void helpOfOneCommandAndAMistypedCommandStillWork() {
        Outcome help = execute("help", "compare");
        assertThat(help.status).isZero();
        assertThat(help.out).contains("Usage: vbench compare");
        Outcome typo = execute("comapre", "a.json", "b.json");
        assertThat(typo.status).isEqualTo(2);
        assertThat(typo.err).contains("Unmatched arguments").contains("Did you mean: vbench compare");
    }

    @Test
    void zeroCpusIs125BeforeAnythingRuns() {
        Outcome o = execute("run", "--counter", "none", "--cpus", "0", "--", "/bin/true");
        assertThat(o.status).isEqualTo(125);
        assertThat(o.err).contains("--cpus must be between 1 and 1024, not 0");
    }

    @Test
    void tooLittleMemoryIs125() {
        Outcome o = execute("run", "--counter", "none", "--memory", "1M", "--", "/bin/true");
        assertThat(o.status).isEqualTo(125);
        assertThat(o.err).contains("--memory must be at least 16 MiB");
    }

    @Test
    void badSizeDurationEnvAndEpochAre125() {
        assertThat(execute("run", "--counter", "none", "--memory", "lots", "--", "/bin/true").err)
                .contains("--memory takes a size such as 512M or 8G, not 'lots'");
        Outcome t = execute("run", "--counter", "none", "--timeout", "soon", "--", "/bin/true");
        assertThat(t.status).isEqualTo(125);
        assertThat(t.err).contains("--timeout takes a duration");
        Outcome e = execute("run", "--counter", "none", "--env", "NOEQUALS", "--", "/bin/true");
        assertThat(e.status).isEqualTo(125);
        assertThat(e.err).contains("--env entries are NAME=VALUE, not 'NOEQUALS'");
        Outcome ep = execute("run", "--counter", "none", "--epoch", "yesterday", "--", "/bin/true");
        assertThat(ep.status).isEqualTo(125);
        assertThat(ep.err).contains("--epoch takes an ISO-8601 instant");
    }

    @Test
    void unknownCounterIs125() {
        Outcome o = execute("run", "--counter", "abacus", "--", "/bin/true");
        assertThat(o.status).isEqualTo(125);
        assertThat(o.err).contains("--counter: 'abacus' is not a counter; the counters are auto, valgrind, perf and none");
    }

    @Test
    void missingProgramIs127() {
        Outcome o = execute("run", "--counter", "none", "--", "vbench-no-such-program-anywhere");
        assertThat(o.status).isEqualTo(127);
        assertThat(o.err).contains("vbench-no-such-program-anywhere: command not found");
    }

    @Test
    void nonExecutableProgramIs126(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "not a program");
        Outcome o = execute("run", "--counter", "none", "--", data.toString());
        assertThat(o.status).isEqualTo(126);
        assertThat(o.err).contains("Permission denied");
        Outcome d = execute("run", "--counter", "none", "--", dir.toString());
        assertThat(d.status).isEqualTo(126);
        assertThat(d.err).contains("Is a directory");
    }

    @Test
    void badRunOptionsAre125AndOtherBadUsageIs2() {
        Outcome o = execute("run", "--no-such-option", "--", "/bin/true");
        assertThat(o.status).isEqualTo(125);
        assertThat(o.err).contains("vbench: ").contains("--no-such-option");
        Outcome n = execute("run");
        assertThat(n.status).as("run without a command").isEqualTo(125);
        Outcome u = execute("no-such-command");
        assertThat(u.status).isEqualTo(2);
    }
}

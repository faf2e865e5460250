package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VarianceCommandTest {
    @Test
    void replayCommandsQuoteOnlyWhatAShellWouldSplitOrExpand() {
        assertThat(VarianceCommand.shellQuote("java")).isEqualTo("java");
        assertThat(VarianceCommand.shellQuote("-XX:-UsePerfData")).isEqualTo("-XX:-UsePerfData");
        assertThat(VarianceCommand.shellQuote("a b")).isEqualTo("'a b'");
        assertThat(VarianceCommand.shellQuote("it's")).isEqualTo("'it'\\''s'");
        assertThat(VarianceCommand.shellQuote("$HOME")).isEqualTo("'$HOME'");
        assertThat(VarianceCommand.shellQuote("")).isEqualTo("''");
    }

    @Test
    void jvmLogsGoToOneFilePerJvmWithoutRotationAndWithoutHostState() {
        assertThat(VarianceCommand.xlog(Path.of("/tmp/logs/current"))).isEqualTo("-XX:-UsePerfData -XX:-UseContainerSupport "
                + "-Xlog:jit+compilation=debug,gc,safepoint:file=/tmp/logs/current/jvm-%p.log:uptimenanos,tid,tags:filecount=0");
    }

    @Test
    void schedSeedIsRefusedBecauseVarianceChoosesTheSeeds() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true));
            code = Main.execute("variance", "--seeds", "4", "--sched-seed", "3", "--", "true");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--first-seed");
    }
}

package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The guest's environment is the canonical one, and no descriptor is a terminal. */
class EnvironmentTest {
    static final Set<String> CANONICAL = Set.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/tmp", "LANG=C.UTF-8", "TZ=UTC", "USER=root", "LOGNAME=root", "SHELL=/bin/sh");

    private static Set<String> lines(RunResult r) {
        return new TreeSet<>(r.stdoutLines());
    }

    @Test
    void theGuestGetsExactlyTheCanonicalEnvironment() {
        // varies natively: the caller's environment is passed through (here: a marker variable)
        RunResult n = Native.run(List.of(Guests.path("env")), Map.of("VBENCH_E2E_MARK", "native"), null,
                Duration.ofSeconds(10));
        assertThat(lines(n)).contains("VBENCH_E2E_MARK=native");
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("env")), false);
        assertThat(lines(r)).as("the guest's environment (README: PWD and TERM are not passed)\n%s", r)
                .containsExactlyInAnyOrderElementsOf(CANONICAL);
    }

    /**
     * Under the software PMU the guest runs inside Valgrind, which adds its own variables: vbench
     * sets VALGRIND_LIB (a directory whose path is the same on every host for this Valgrind version
     * and tool) and Valgrind's core preloads its vgpreload_core from there (LD_PRELOAD). That is
     * inherent to Valgrind and expected. vbench starts valgrind.bin directly, not Debian's wrapper
     * script, which would export PWD, LD_LIBRARY_PATH and two GLIBCXX variables. Nothing else may
     * reach the guest: in particular not PWD, whose length would move the guest's stack with the
     * working directory (README: PWD and TERM are not passed).
     */
    @Test
    void underValgrindTheGuestGetsTheCanonicalEnvironmentPlusValgrindsOwnVariables() throws Exception {
        RunResult r = Vbench.runGuest(Vbench.VALGRIND, List.of(Guests.path("env")));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Set<String> env = lines(r);
        String lib = env.stream().filter(l -> l.startsWith("VALGRIND_LIB=")).findFirst()
                .orElseThrow(() -> new AssertionError("no VALGRIND_LIB in\n" + r.describe()))
                .substring("VALGRIND_LIB=".length());
        assertThat(lib).as("vbench's stable vbcount directory").matches("/tmp/\\.vbench-vbcount-[A-Za-z0-9._-]+");
        Set<String> expected = new TreeSet<>(CANONICAL);
        expected.add("VALGRIND_LIB=" + lib);
        expected.add("LD_PRELOAD=" + lib + "/vgpreload_core-amd64-linux.so");
        assertThat(env).as("the guest's environment under --counter valgrind: the canonical one and Valgrind's"
                + " VALGRIND_LIB and LD_PRELOAD\n%s", r)
                .containsExactlyInAnyOrderElementsOf(expected);
        // and it does not change with the load, the host's environment or the working directory
        RunResult checked = Determinism.check(Vbench.VALGRIND, List.of(Guests.path("env")), false);
        assertThat(lines(checked)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void envOptionAddsVariables() {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--env", "FOO=bar", "--env", "BAZ=a b=c"), List.of(Guests.path("env")),
                Map.of("VBENCH_E2E_MARK", "host"), null);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Set<String> expected = new TreeSet<>(CANONICAL);
        expected.add("FOO=bar");
        expected.add("BAZ=a b=c");
        assertThat(lines(r)).as(r.describe()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void hostEnvPassesTheHostsEnvironment() {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--host-env"), List.of(Guests.path("env")),
                Map.of("VBENCH_E2E_MARK", "only-on-the-vbench-process"), null);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(lines(r)).as(r.describe()).contains("VBENCH_E2E_MARK=only-on-the-vbench-process");
        String path = System.getenv("PATH");
        if (path != null) {
            assertThat(lines(r)).contains("PATH=" + path);
        }
        RunResult plain = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("env")),
                Map.of("VBENCH_E2E_MARK", "only-on-the-vbench-process"), null);
        assertThat(plain.stdout()).doesNotContain("VBENCH_E2E_MARK");
    }

    @Test
    void noDescriptorIsATerminalUnlessTty() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) from util-linux gives a pty");
        String guest = Guests.path("tty");
        // natively under a pseudo-terminal, stdout is a terminal
        RunResult n = underPty(guest);
        assertThat(n.stdout()).as(n.describe()).contains("isatty1=1");
        String vb = String.join(" ", Vbench.command(List.of(), Vbench.runArgs(List.of(), List.of(guest))));
        RunResult r = underPty(vb);
        assertThat(r.stdout()).as(r.describe()).contains("isatty0=0 isatty1=0 isatty2=0");
        RunResult tty = underPty(String.join(" ", Vbench.command(List.of(), Vbench.runArgs(List.of("--tty"),
                List.of(guest)))));
        assertThat(tty.stdout()).as(tty.describe()).contains("isatty1=1");
        // and without a terminal at all (stdout a file), it is 0 as well
        RunResult plain = Vbench.runGuest(Vbench.NO_COUNTER, List.of(guest));
        assertThat(plain.stdout()).contains("isatty1=0");
    }

    /** Runs a shell command line with a pseudo-terminal as its stdin, stdout and stderr. */
    private static RunResult underPty(String commandLine) {
        RunResult r = Processes.run(List.of("script", "-qec", commandLine, "/dev/null"), Map.of(), null,
                Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return new RunResult(r.command(), r.exitCode(), r.stdout().replace("\r", ""), r.stderr(), r.wall());
    }

    static String sorted(Set<String> s) {
        return s.stream().sorted().collect(Collectors.joining("\n"));
    }
}

package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command line: exit codes, --summary, --json, --verify, bad options, --help and --version. */
class CliTest {

    @Test
    void unknownCommandExits127() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of("vbench-e2e-no-such-command"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(127);
        assertThat(r.stderr()).as(r.describe()).contains("command not found").contains("vbench-e2e-no-such-command");
    }

    /** A /proc path with a pid too long for an int is the guest's business (ENOENT), not an internal error. */
    @Test
    void aProcPathWithAnOverlongPidFailsInTheGuestOnly() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of("/bin/cat", "/proc/99999999999/stat"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).as(r.describe()).contains("No such file or directory");
    }

    @Test
    void nonExecutableFileExits126() throws IOException {
        Path f = Processes.scratch("noexec").resolve("not-executable");
        Files.writeString(f, "#!/bin/sh\necho should not run\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(f.toString()));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(126);
        assertThat(r.stderr()).as(r.describe()).contains("Permission denied");
        assertThat(r.stdout()).doesNotContain("should not run");
    }

    @Test
    void directoryExits126() {
        Path d = Processes.scratch("adir");
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(d.toString()));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(126);
        assertThat(r.stderr()).as(r.describe()).containsAnyOf("Is a directory", "Permission denied");
    }

    @Test
    void guestExitStatusPassesThrough() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("exitcode"), "42"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(42);
        assertThat(r.stdout()).isEqualTo("hello from exitcode\n");
        RunResult zero = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("exitcode"), "0"));
        assertThat(zero.exitCode()).as(zero.describe()).isZero();
    }

    @Test
    void guestKilledBySignalExits128PlusN() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("abort")));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(134);
        assertThat(r.stderr()).as(r.describe()).contains("killed by SIGABRT");
        assertThat(r.stdout()).isEqualTo("about to abort\n");
    }

    @Test
    void summaryGoesToStderr() {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--summary"), List.of(Guests.path("exitcode"), "5"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stdout()).as("the summary is not on stdout").isEqualTo("hello from exitcode\n");
        assertThat(r.stderr()).as(r.describe()).contains("counter", "syscalls", "processes", "virtual time");
        assertThat(r.stderr()).containsPattern("syscalls:\\s+[1-9]\\d*");
        assertThat(r.stderr()).containsPattern("processes:\\s+1");
    }

    /** An output path that cannot be written is found before the guest runs (issue 14, item 6). */
    @Test
    void aResultPathInNoDirectoryIsRefusedBeforeTheGuestRuns() {
        Path dir = Processes.scratch("badjson");
        Path bad = dir.resolve("no/such/dir/r.json");
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", bad.toString()),
                List.of("/bin/sh", "-c", "echo ran > marker"), Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(125);
        assertThat(r.stderr()).as(r.describe()).contains(bad.getParent().toString()).doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("marker")).as("the guest never ran").doesNotExist();
    }

    @Test
    void jsonResultFile() throws Exception {
        Path dir = Processes.scratch("json");
        Path json = dir.resolve("r.json");
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", json.toString()), List.of(Guests.path("exitcode"), "3"),
                Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout()).as("the guest's output is printed when it exits").isEqualTo("hello from exitcode\n");
        assertThat(json).exists();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("schema").asText()).isEqualTo("vbench.result/1");
        JsonNode b = root.path("benchmarks").path(0);
        assertThat(b.isObject()).as("benchmarks[0] in %s", root).isTrue();
        assertThat(b.path("name").asText()).isEqualTo("exitcode");
        assertThat(b.path("command")).as("the benchmark's command is the user's command, not a wrapper's: %s", b)
                .hasSize(2);
        assertThat(b.path("command").path(0).asText()).endsWith("exitcode");
        assertThat(b.path("command").path(1).asText()).isEqualTo("3");
        assertThat(b.path("exit_status").asInt(-1)).isEqualTo(3);
        assertThat(b.path("virtual_time_ns").asLong()).isPositive();
        assertThat(b.path("counters").path("syscalls").asLong()).isPositive();
        assertThat(b.path("syscalls_by_name").has("write")).as("syscalls_by_name in %s", b).isTrue();
        assertThat(b.path("syscalls_by_name").path("write").asLong()).isPositive();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("hello from exitcode\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(b.path("stdout_sha256").asText()).isEqualTo(sha);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("written atomically: no temporary left")
                    .containsExactly("r.json");
        }
        // the same run again gives the same virtual time and counts
        Path json2 = dir.resolve("r2.json");
        Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", json2.toString()), List.of(Guests.path("exitcode"), "3"), Map.of(), dir);
        JsonNode b2 = new ObjectMapper().readTree(json2.toFile()).path("benchmarks").path(0);
        assertThat(b2.path("virtual_time_ns")).isEqualTo(b.path("virtual_time_ns"));
        assertThat(b2.path("counters")).isEqualTo(b.path("counters"));
        assertThat(b2.path("syscalls_by_name")).isEqualTo(b.path("syscalls_by_name"));
    }

    @Test
    void verifyOnADeterministicGuest() {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--verify"), List.of(Guests.path("exitcode"), "3"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).as(r.describe()).containsIgnoringCase("identical");
        assertThat(r.stdout()).isEqualTo("hello from exitcode\n");
    }

    @Test
    void verifyFindsAGuestThatDiffersOnPurpose() throws IOException {
        Path dir = Processes.scratch("verify");
        // each run appends a line to count.txt and prints how many lines it has
        List<String> guest = List.of("/bin/sh", "-c", "echo run >> count.txt; echo lines; wc -l < count.txt");
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--verify"), guest, Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).as(r.describe()).contains("stdout").contains("line 2").contains("'1'").contains("'2'");
        assertThat(Files.readAllLines(dir.resolve("count.txt"))).hasSize(2);
    }

    @Test
    void badOptionsExit125() {
        for (List<String> opts : List.of(List.of("--cpus", "0"), List.of("--epoch", "notadate"),
                List.of("--timeout", "abc"), List.of("--memory", "lots"), List.of("--seed", "x"))) {
            RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, opts.toArray(String[]::new)),
                    List.of(Guests.path("exitcode")));
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(125);
            assertThat(r.stderr()).as(r.describe()).contains(opts.get(0));
            assertThat(r.stdout()).as("the guest did not run").doesNotContain("hello");
        }
    }

    @Test
    void helpAndVersion() {
        RunResult help = Vbench.run("--help");
        assertThat(help.exitCode()).as(help.describe()).isZero();
        assertThat(help.stdout()).contains("Usage").contains("run");
        RunResult version = Vbench.run("--version");
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout()).containsPattern("vbench \\d+\\.\\d+");
        RunResult runHelp = Vbench.run("run", "--help");
        assertThat(runHelp.exitCode()).as(runHelp.describe()).isZero();
        assertThat(runHelp.stdout()).contains("--summary", "--json", "--verify", "--seed", "--epoch", "--timeout");
    }

    @Test
    void launcherScriptHelpAndVersion() throws IOException {
        Path root = Vbench.jar().getParent().getParent().getParent();
        Path launcher = currentLauncher(root);
        for (String opt : List.of("--help", "--version")) {
            RunResult r = Native.run(List.of(launcher.toString(), opt), Map.of(), root, Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout()).as(r.describe()).isNotBlank();
        }
    }

    /**
     * A descriptor vbench was started without is closed for the guest too, as natively: the JVM
     * would otherwise have opened its own files there (lib/modules at 0) and handed them on.
     * Through the launcher, with a JVM per run and served alike.
     */
    @Test
    void aClosedStandardDescriptorStaysClosedForTheGuest() throws IOException {
        Path root = Vbench.jar().getParent().getParent().getParent();
        Path launcher = currentLauncher(root);
        String probe = "for f in 0 1 2; do if [ -e /proc/$$/fd/$f ]; then printf \"$f:open \" >&2; "
                + "else printf \"$f:closed \" >&2; fi; done";
        // A server of its own, in a directory of its own, gone 5 s after the test.
        Path runtime = Processes.scratch("cli-server");
        for (String server : List.of("0", "1", "1")) {
            for (String[] close : new String[][] {{"<&-", "0:closed 1:open 2:open "}, {">&-", "0:open 1:closed 2:open "}}) {
                String cmd = "exec " + launcher + " run --counter none -- sh -c '" + probe + "' " + close[0];
                RunResult r = Native.run(List.of("bash", "-c", cmd), Map.of("VBENCH_SERVER", server,
                        "VBENCH_SERVER_IDLE", "5", "XDG_RUNTIME_DIR", runtime.toString()), root, Duration.ofSeconds(60));
                assertThat(r.stderr()).as(r.describe()).contains(close[1]);
            }
        }
    }

    /** ./vbench, if it will not rebuild: a rebuild inside the test run would rewrite the classes under test. */
    private static Path currentLauncher(Path root) throws IOException {
        Path launcher = root.resolve("vbench");
        assumeTrue(Files.isExecutable(launcher), "no ./vbench launcher");
        // ./vbench rebuilds when a source is newer than the jar; a rebuild inside the test run would
        // rewrite the classes under test, so only run it when the jar is current (as in a reactor build)
        FileTime jarTime = Files.getLastModifiedTime(Vbench.jar());
        try (Stream<Path> files = Files.walk(root)) {
            boolean stale = files.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().contains("/src/") || p.getFileName().toString().equals("pom.xml"))
                    .filter(Files::isRegularFile)
                    .anyMatch(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(jarTime) > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    });
            assumeTrue(!stale, "a source is newer than the jar: ./vbench would rebuild");
        }
        return launcher;
    }
}

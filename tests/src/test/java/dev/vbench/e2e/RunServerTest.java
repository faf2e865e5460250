package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench run} through vbench-client and the run server (RunServer), as the launcher runs
 * it: the first client starts a server and runs in its own JVM, later ones are served. What a
 * served run gives must be what a run in a fresh JVM gives, down to the counts, with the client's
 * descriptors, exit status and interruptions.
 */
class RunServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("serving on .* \\(pid (\\d+),");
    private static Path sockets;
    private static Path workspace;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(Files.isExecutable(client()), "no vbench-client (built when gcc is there)");
        // A short name: a UNIX socket's path holds at most 107 bytes.
        sockets = Files.createTempDirectory(Path.of("/tmp"), "vbsrv");
        workspace = Processes.scratch("server-ws");
        RunResult first = run(List.of("--", "/bin/true"));
        assertThat(first.exitCode()).as(first.describe()).isZero();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (sockets().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(sockets()).as("the server's socket, log:\n" + logs()).hasSize(1);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (sockets == null) {
            return;
        }
        Matcher m = SERVING.matcher(logs());
        while (m.find()) {
            var server = ProcessHandle.of(Long.parseLong(m.group(1)));
            if (server.isPresent()) {
                server.get().destroy();
                server.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        deleteTree(sockets);
    }

    @Test
    void aServedRunGivesWhatAFreshJvmGives() throws Exception {
        List<String> guest = List.of("sh", "-c", "ls /; date; echo $$; echo to-stderr >&2; exit 3");
        int servedBefore = served();
        RunResult served = run(Vbench.options(List.of("--json", "served.json", "--"), guest.toArray(String[]::new)));
        assertThat(served()).as("served by the server: " + logs()).isEqualTo(servedBefore + 1);
        RunResult fresh = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", "fresh.json"), guest, Map.of(), workspace);

        assertThat(served.exitCode()).as(served.describe()).isEqualTo(3);
        assertThat(served.stdout()).isEqualTo(fresh.stdout()).contains("1000"); // the guest's virtual pid
        assertThat(served.stderr()).isEqualTo(fresh.stderr()).contains("to-stderr");
        JsonNode a = benchmark("served.json");
        JsonNode b = benchmark("fresh.json");
        for (String field : List.of("virtual_time_ns", "counters", "syscalls_by_name", "stdout_sha256", "exit_status")) {
            assertThat(a.get(field)).as(field).isEqualTo(b.get(field));
        }
    }

    @Test
    void theGuestReadsAndWritesTheClientsDescriptors() throws Exception {
        Path input = workspace.resolve("input.txt");
        Files.writeString(input, "from the client's stdin\n");
        ProcessBuilder pb = Processes.builder(command(List.of("--", "sh", "-c", "tr a-z A-Z; echo done >&2")),
                Map.of(), workspace);
        pb.redirectInput(input.toFile());
        int servedBefore = served();
        RunResult r = Processes.run(pb, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("FROM THE CLIENT'S STDIN\n");
        assertThat(r.stderr()).isEqualTo("done\n");
        assertThat(served()).isEqualTo(servedBefore + 1);
    }

    @Test
    void vbenchsOwnErrorsAndStatusReachTheClient() throws IOException {
        RunResult missing = run(List.of("--", "/no/such/program"));
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderr()).contains("vbench: /no/such/program");
        RunResult usage = run(List.of("--no-such-option", "--", "true"));
        assertThat(usage.exitCode()).isEqualTo(125);
        assertThat(usage.stderr()).contains("Unknown option: '--no-such-option'");
        // The server is still there, and serves the next run.
        int servedBefore = served();
        assertThat(run(List.of("--", "/bin/true")).exitCode()).isZero();
        assertThat(served()).isEqualTo(servedBefore + 1);
    }

    @Test
    void aSignalToTheClientStopsTheRunAndKillsTheGuests() throws Exception {
        String marker = "vbsrv-term-" + System.nanoTime();
        Processes.Started client = startLoopingGuest(marker);
        new ProcessBuilder("kill", "-TERM", Long.toString(client.pid())).start().waitFor();
        RunResult r = client.await(TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(130);
        assertThat(guestsWith(marker)).as("guests left after the client's exit").isEmpty();
    }

    @Test
    void aKilledClientsGuestsAreKilled() throws Exception {
        String marker = "vbsrv-kill-" + System.nanoTime();
        Processes.Started client = startLoopingGuest(marker);
        client.process.destroyForcibly();
        client.process.waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!guestsWith(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(guestsWith(marker)).as("the server kills the guests of a client that died").isEmpty();
        assertThat(run(List.of("--", "/bin/true")).exitCode()).as("and serves again").isZero();
    }

    @Test
    void aRunWhileTheServerIsBusyRunsInTheClientsOwnJvm() throws Exception {
        String marker = "vbsrv-busy-" + System.nanoTime();
        Processes.Started busy = startLoopingGuest(marker);
        int servedBefore = served();
        RunResult meanwhile = run(List.of("--", "sh", "-c", "echo meanwhile"));
        assertThat(meanwhile.exitCode()).as(meanwhile.describe()).isZero();
        assertThat(meanwhile.stdout()).isEqualTo("meanwhile\n");
        assertThat(served()).as("not served: the server was busy").isEqualTo(servedBefore);
        busy.process.destroyForcibly();
        busy.process.waitFor();
    }

    /** hyperfine sets a variable of random length in every run: served all the same, and the run's own. */
    @Test
    void aVariableTheJvmDoesNotReadIsTheRunsOwn() throws Exception {
        int servedBefore = served();
        RunResult r = Processes.run(command(List.of("--host-env", "--", "sh", "-c", "echo $HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET")),
                Map.of("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET", "xxxxxxx"), workspace, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("xxxxxxx\n");
        assertThat(served()).isEqualTo(servedBefore + 1);
    }

    @Test
    void anotherEnvironmentForTheJvmHasAServerOfItsOwn() throws Exception {
        RunResult r = Processes.run(command(List.of("--", "/bin/true")), Map.of("VBENCH_SRVTEST", "1"), workspace, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (sockets().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(sockets()).as("a second server, for the other environment").hasSize(2);
    }

    /** CI jobs remove and make a build directory again: a server in the old one must not serve the new. */
    @Test
    void aDirectoryMadeAnewUnderTheSamePathIsNotTheServersAnyMore() throws Exception {
        Path dir = Processes.scratch("server-remade");
        // The first run there starts that directory's server; run until it serves.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int servedBefore;
        do {
            assertThat(System.nanoTime()).as("this directory's server never served").isLessThan(deadline);
            servedBefore = served();
            assertThat(Processes.run(command(List.of("--", "/bin/true")), Map.of(), dir, TIMEOUT).exitCode()).isZero();
        } while (served() == servedBefore);

        deleteTree(dir);
        Files.createDirectories(dir);
        servedBefore = served();
        RunResult remade = Processes.run(command(List.of("--json", "r.json", "--", "/bin/true")), Map.of(), dir, TIMEOUT);
        assertThat(remade.exitCode()).as(remade.describe()).isZero();
        assertThat(dir.resolve("r.json")).as("written in the new directory").exists();
        assertThat(served()).as("not served by the server whose directory is gone").isEqualTo(servedBefore);
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!logs().contains("the working directory was made anew: leaving") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(logs()).contains("the working directory was made anew: leaving");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A client whose served guest loops for ever, once the guest is running; {@code marker} names it. */
    private static Processes.Started startLoopingGuest(String marker) throws Exception {
        Processes.Started client = Processes.start(Processes.builder(
                command(List.of("--", "sh", "-c", "while :; do :; done", marker)), Map.of(), workspace));
        awaitGuest(marker);
        return client;
    }

    private static void awaitGuest(String marker) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (guestsWith(marker).isEmpty()) {
            assertThat(System.nanoTime()).as("the guest never started").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Live guest shells whose command line holds {@code marker} (not the client, which has it too). */
    private static List<ProcessHandle> guestsWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> !p.info().command().orElse("").endsWith("vbench-client"))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                .toList();
    }

    private static JsonNode benchmark(String file) throws IOException {
        return new ObjectMapper().readTree(workspace.resolve(file).toFile()).get("benchmarks").get(0);
    }

    private static Path client() {
        return Vbench.jar().resolveSibling("vbench-client");
    }

    /** vbench-client handing {@code run --counter none ARGS} to the servers in this test's directory. */
    private static List<String> command(List<String> runArgs) {
        List<String> java = Vbench.command(List.of(), List.of());
        List<String> cmd = new ArrayList<>(List.of(client().toString(), sockets.toString(), Integer.toString(java.size())));
        cmd.addAll(java);
        cmd.addAll(List.of("run", "--counter", "none"));
        cmd.addAll(runArgs);
        return cmd;
    }

    private static RunResult run(List<String> runArgs) {
        return Processes.run(command(runArgs), Map.of(), workspace, TIMEOUT);
    }

    private static List<Path> sockets() throws IOException {
        try (Stream<Path> files = Files.list(sockets)) {
            return files.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    private static String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(sockets)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    /** How many runs the servers have served. */
    private static int served() throws IOException {
        return (int) logs().lines().filter(l -> l.startsWith("served pid ")).count();
    }
}

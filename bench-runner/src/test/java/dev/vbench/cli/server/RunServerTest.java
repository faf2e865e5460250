package dev.vbench.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of the protocol, with this JVM as its client and a stand-in for vbench's command line. */
class RunServerTest {
    @TempDir
    Path dir;
    private Thread serving;
    private final List<List<String>> ran = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (serving != null) {
            serving.join(5_000);
        }
    }

    private Path start(Duration idle, Path jar, Function<String[], Integer> commands) throws Exception {
        Path socket = dir.resolve("s.sock");
        RunServer server = new RunServer(socket, idle, commands, jar, new PrintStream(new ByteArrayOutputStream(), true));
        serving = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        serving.start();
        for (int i = 0; i < 500; i++) { // until it answers (a connection without a request is refused)
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return socket;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        return socket;
    }

    private Function<String[], Integer> recording(int status) {
        return args -> {
            synchronized (ran) {
                ran.add(List.of(args));
            }
            return status;
        };
    }

    private static byte[] request(Path cwd, Map<String, String> env, String... args) {
        List<String> fields = new ArrayList<>(List.of(RunRequest.PROTOCOL, Long.toString(ProcessHandle.current().pid()),
                cwd.toString(), Integer.toString(args.length)));
        fields.addAll(List.of(args));
        fields.add(Integer.toString(env.size()));
        env.forEach((k, v) -> fields.add(k + "=" + v));
        byte[] body = RunRequestTest.body(fields.toArray(String[]::new));
        ByteBuffer b = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(body.length).put(body).flip();
        return b.array();
    }

    private static byte[] ourRequest(String... args) {
        return request(Path.of(System.getProperty("user.dir")), System.getenv(), args);
    }

    /** Sends {@code request}; if accepted, says go; returns the replies, one per line. */
    private static List<String> talk(Path socket, byte[] request) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(request));
            List<String> lines = new ArrayList<>();
            String line = readLine(c);
            lines.add(line);
            if (line.startsWith("A")) {
                c.write(ByteBuffer.wrap(new byte[] {'G'}));
                lines.add(readLine(c));
            }
            return lines;
        }
    }

    private static String readLine(SocketChannel c) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (c.read(one) < 0) {
                return line.toString(StandardCharsets.UTF_8) + "<EOF>";
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(one.get(0));
        }
    }

    @Test
    void servesARunAndRepliesItsStatus() throws Exception {
        Path socket = start(Duration.ofMillis(300), null, recording(42));
        assertThat(talk(socket, ourRequest("run", "--", "x"))).containsExactly("A" + ProcessHandle.current().pid(), "E42");
        assertThat(talk(socket, ourRequest("run", "--", "y"))).containsExactly("A" + ProcessHandle.current().pid(), "E42");
        assertThat(ran).containsExactly(List.of("run", "--", "x"), List.of("run", "--", "y"));
    }

    @Test
    void refusesWhatItMustNotServe() throws Exception {
        Path socket = start(Duration.ofMillis(300), null, recording(0));
        Map<String, String> otherEnv = new java.util.HashMap<>(System.getenv());
        otherEnv.put("VBENCH_TEST_OTHER", "1");
        assertThat(talk(socket, ourRequest("bench", "suite.yaml"))).containsExactly("Ronly vbench run is served");
        assertThat(talk(socket, ourRequest("run", "--tty", "--", "vi"))).containsExactly("R--tty needs the client's own session");
        assertThat(talk(socket, request(Path.of("/"), System.getenv(), "run", "--", "x")))
                .containsExactly("Ranother working directory");
        assertThat(talk(socket, request(Path.of(System.getProperty("user.dir")), otherEnv, "run", "--", "x")))
                .containsExactly("Ranother environment for the JVM");
        assertThat(talk(socket, new byte[] {5, 0, 0, 0, 'x', 0, 0, 0, 0})).hasSize(1).allMatch(l -> l.startsWith("R"));
        assertThat(ran).isEmpty();
    }

    /** Harnesses vary the environment per run (hyperfine): what the JVM does not read is the run's own. */
    @Test
    void servesAnotherEnvironmentAndTheRunReadsIt() throws Exception {
        List<String> seen = new ArrayList<>();
        Path socket = start(Duration.ofMillis(300), null, args -> {
            seen.add(dev.vbench.core.run.HostEnvironment.get("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET"));
            return 0;
        });
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET", "xxxx");
        assertThat(talk(socket, request(Path.of(System.getProperty("user.dir")), env, "run", "--", "x"))).element(1).isEqualTo("E0");
        assertThat(seen).containsExactly("xxxx");
        assertThat(dev.vbench.core.run.HostEnvironment.get("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET"))
                .as("the server's own again after the run").isEqualTo(System.getenv("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET"));
    }

    @Test
    void refusesAClientWhileARunIsInProgress() throws Exception {
        CountDownLatch inRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Path socket = start(Duration.ofMillis(300), null, args -> {
            inRun.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
        Thread first = new Thread(() -> {
            try {
                talk(socket, ourRequest("run", "--", "long"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        first.start();
        assertThat(inRun.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(talk(socket, ourRequest("run", "--", "x"))).containsExactly("Rbusy");
        release.countDown();
        first.join(10_000);
        assertThat(talk(socket, ourRequest("run", "--", "x"))).element(1).isEqualTo("E0");
    }

    @Test
    void leavesWhenItsJarChanges() throws Exception {
        Path jar = Files.writeString(dir.resolve("vbench.jar"), "one");
        Path socket = start(Duration.ofMinutes(5), jar, recording(0));
        assertThat(talk(socket, ourRequest("run", "--", "x"))).element(1).isEqualTo("E0");
        Files.writeString(jar, "two!");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertThat(talk(socket, ourRequest("run", "--", "x"))).containsExactly("Rthe jar changed");
        serving.join(5_000);
        assertThat(serving.isAlive()).as("left at once, not after its idle time").isFalse();
        assertThat(socket).doesNotExist();
    }

    @Test
    void leavesWhenIdleAndRemovesItsSocket() throws Exception {
        Path socket = start(Duration.ofMillis(200), null, recording(0));
        assertThat(socket).exists();
        serving.join(5_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aSecondServerOnTheSameSocketLeavesTheFirstInPlace() throws Exception {
        Path socket = start(Duration.ofSeconds(2), null, recording(7));
        new RunServer(socket, Duration.ofSeconds(2), recording(0), null, new PrintStream(new ByteArrayOutputStream())).serve();
        assertThat(talk(socket, ourRequest("run", "--", "x"))).element(1).isEqualTo("E7");
    }

    @Test
    void replacesASocketLeftByAKilledServer() throws Exception {
        Path socket = dir.resolve("s.sock");
        var dead = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // the file stays, nobody answers
        assertThat(socket).exists();
        start(Duration.ofMillis(500), null, recording(5));
        assertThat(talk(socket, ourRequest("run", "--", "x"))).element(1).isEqualTo("E5");
    }
}

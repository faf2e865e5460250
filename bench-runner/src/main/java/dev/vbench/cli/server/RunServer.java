package dev.vbench.cli.server;

import dev.vbench.core.Determinizer;
import dev.vbench.core.nativ.CpuAffinity;
import dev.vbench.core.run.HostEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A resident vbench for {@code vbench run}: a JVM that stays up between runs, so that a short run
 * costs what the run costs, not a JVM's start (README, "The run server"). Clients are
 * vbench_client.c, started by the launcher; one that finds no server starts one.
 *
 * <p>A server serves clients like the one that started it in all the JVM itself depends on (the
 * client's socket name says so; the server checks the working directory and the JVM's variables
 * again), one run at a time: a client that finds it busy, or is refused for any reason, runs
 * vbench in a JVM of its own. The rest of the client's environment is the run's
 * ({@link HostEnvironment}): benchmark harnesses vary it from run to run (hyperfine sets a variable
 * of random length in each). It leaves when it has been idle for its idle time, or when its jar
 * has changed.
 */
public final class RunServer {
    /**
     * The variables the JVM itself reads (its options, the dynamic loader, malloc, locale and time
     * zone, which set vbench's own output encoding and formats, PATH for the programs it starts, and
     * vbench's own): a client must have the server's. vbench_client.c hashes the same ones.
     */
    static final java.util.regex.Pattern JVM_VARIABLES = java.util.regex.Pattern.compile(
            "JAVA_.*|_JAVA_.*|JDK_.*|LD_.*|MALLOC_.*|GLIBC_.*|LANG|LANGUAGE|LC_.*|TZ|TMPDIR|PATH|CLASSPATH|VBENCH_.*");
    private final Path socket;
    private final Duration idle;
    private final Function<String[], Integer> commands;
    private final Path jar;
    private final Object jarIdentity;
    private final PrintStream log;
    /** A run is in progress (from its acceptance to its reply): other clients are refused. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Connections being served, run or not: the server leaves only when there are none. */
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long idleSince = System.nanoTime();
    /** Why the server must leave once its runs are over (null: it stays until idle). */
    private volatile String leaving;
    private ServerSocketChannel channel;
    /** The identity of the socket's file this server bound. */
    private Object socketKey;

    /**
     * @param commands runs vbench's command line in this JVM and gives its exit status
     * @param jar the jar this server runs from, null if not from one
     */
    public RunServer(Path socket, Duration idle, Function<String[], Integer> commands, Path jar, PrintStream log) {
        this.socket = socket;
        this.idle = idle;
        this.commands = commands;
        this.jar = jar;
        this.jarIdentity = identity(jar);
        this.log = log;
    }

    /** Serves until idle for the idle time or told to leave; returns at once if another server has the socket. */
    public void serve() throws IOException {
        if (!bind()) {
            log.println("another server answers on " + socket + ": leaving");
            return;
        }
        log.println("serving on " + socket + " (pid " + ProcessHandle.current().pid() + ", idle time " + idle + ")");
        Thread watch = new Thread(this::closeWhenIdle, "vbench-server-idle");
        watch.setDaemon(true);
        watch.start();
        try {
            while (true) {
                SocketChannel client;
                try {
                    client = channel.accept();
                } catch (ClosedChannelException e) {
                    break; // closeWhenIdle
                }
                connections.incrementAndGet();
                Thread t = new Thread(() -> serveOne(client), "vbench-server-run");
                t.start();
            }
        } finally {
            removeOurSocket();
        }
        awaitConnections(); // a run accepted just before the end is served to its end
        log.println((leaving != null ? leaving : "idle for " + idle) + ": leaving");
    }

    private boolean bind() throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        for (int attempt = 0; attempt < 2; attempt++) {
            ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.bind(address);
                channel = c;
                socketKey = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
                return true;
            } catch (BindException e) {
                c.close();
                try (SocketChannel other = SocketChannel.open(address)) {
                    return false; // someone answers: a server started at the same time
                } catch (IOException refused) {
                    Files.deleteIfExists(socket); // left by a server that was killed
                }
            }
        }
        return false;
    }

    /**
     * Removes the socket's file if it is still ours: once the channel is closed, a client may have
     * found no server and started one that bound the same path anew.
     */
    private void removeOurSocket() {
        try {
            if (Objects.equals(Files.readAttributes(socket, BasicFileAttributes.class).fileKey(), socketKey)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException gone) {
            // nothing to remove
        }
    }

    private void closeWhenIdle() {
        while (true) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, idle.toMillis())));
            } catch (InterruptedException e) {
                return;
            }
            boolean quiet = connections.get() == 0;
            if (quiet && (leaving != null || System.nanoTime() - idleSince >= idle.toNanos())) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                return;
            }
        }
    }

    private void serveOne(SocketChannel client) {
        try (client) {
            // The channel itself, not Channels' streams: those take one lock for reading and writing,
            // and ClientWatch reads all run long while the reply is written.
            RunRequest request;
            try {
                request = RunRequest.parse(readBody(client));
            } catch (RunRequest.Malformed e) {
                reply(client, "R" + e.getMessage());
                return;
            }
            String mismatch = mismatch(request);
            if (mismatch != null) {
                reply(client, "R" + mismatch);
            } else if (!busy.compareAndSet(false, true)) {
                reply(client, "Rbusy");
            } else {
                Integer status;
                try {
                    status = run(client, request);
                } finally {
                    // Free before the reply: the client's next run may connect as soon as it has it.
                    idleSince = System.nanoTime();
                    busy.set(false);
                }
                if (status != null) {
                    reply(client, "E" + status);
                }
            }
        } catch (IOException e) {
            log.println("a client went away: " + e);
        } catch (Throwable t) {
            log.println("internal error: " + t);
            t.printStackTrace(log);
            leaving = "after an internal error";
        } finally {
            connections.decrementAndGet();
        }
    }

    /** Runs an accepted request with the client's descriptors and CPUs: its exit status, or null if none ran. */
    private Integer run(SocketChannel client, RunRequest request) throws IOException {
        reply(client, "A" + ProcessHandle.current().pid());
        if (readByte(client) != 'G') {
            return null; // the client gave up
        }
        int status;
        ClientWatch watch = new ClientWatch(client);
        try (ClientDescriptors descriptors = ClientDescriptors.take(request.pid())) {
            CpuAffinity cpus = CpuAffinity.of(request.pid());
            if (cpus != null) {
                cpus.pinEveryThreadOfThisProcess();
            }
            Determinizer.allowRuns();
            HostEnvironment.use(request.environment());
            watch.start();
            long start = System.nanoTime();
            status = commands.apply(request.args().toArray(String[]::new));
            log.println("served pid " + request.pid() + ": exit " + status + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (ClientDescriptors.Unavailable e) {
            log.println("refused pid " + request.pid() + ": " + e.getMessage());
            reply(client, "R" + e.getMessage()); // nothing ran: the client runs it itself
            return null;
        } finally {
            watch.end();
            HostEnvironment.restore();
        }
        return status;
    }

    private void awaitConnections() {
        while (connections.get() > 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Why this server must not serve {@code request}, or null if it may. */
    private String mismatch(RunRequest request) {
        if (request.args().isEmpty() || !request.args().get(0).equals("run")) {
            return "only vbench run is served";
        }
        for (String arg : request.args()) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--tty")) {
                // The guest would be in the server's session, where the client's terminal is not its own.
                return "--tty needs the client's own session";
            }
        }
        if (!request.workingDirectory().equals(Path.of(System.getProperty("user.dir")))) {
            return "another working directory";
        }
        if (!sameDirectory("/proc/self/cwd", "/proc/" + request.pid() + "/cwd")) {
            // The same path, but another directory (removed and made again since): ours is gone.
            leaving = "the working directory was made anew";
            return leaving;
        }
        if (!jvmVariables(request.environment()).equals(jvmVariables(System.getenv()))) {
            return "another environment for the JVM";
        }
        if (!Objects.equals(identity(jar), jarIdentity)) {
            leaving = "the jar changed";
            return leaving;
        }
        return null;
    }

    private static boolean sameDirectory(String a, String b) {
        try {
            Object ka = Files.readAttributes(Path.of(a), BasicFileAttributes.class).fileKey();
            Object kb = Files.readAttributes(Path.of(b), BasicFileAttributes.class).fileKey();
            return ka != null && ka.equals(kb);
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> jvmVariables(Map<String, String> environment) {
        Map<String, String> jvm = new java.util.TreeMap<>();
        environment.forEach((name, value) -> {
            if (JVM_VARIABLES.matcher(name).matches()) {
                jvm.put(name, value);
            }
        });
        return jvm;
    }

    /**
     * Reads the client during its run: a byte 'I' is its Ctrl-C (or SIGTERM...), the end of the
     * stream its death; either interrupts the run. Once the run has ended it interrupts nothing,
     * so that a client closing its socket late cannot stop the next client's run.
     */
    private static final class ClientWatch {
        private final SocketChannel client;
        private boolean ended;

        ClientWatch(SocketChannel client) {
            this.client = client;
        }

        void start() {
            Thread t = new Thread(this::watch, "vbench-server-client");
            t.setDaemon(true);
            t.start();
        }

        private void watch() {
            try {
                int b;
                while ((b = readByte(client)) >= 0) {
                    if (b == 'I') {
                        interrupt();
                    }
                }
            } catch (IOException e) {
                // as a hang-up
            }
            interrupt();
        }

        private synchronized void interrupt() {
            if (!ended) {
                Determinizer.interruptRuns();
            }
        }

        synchronized void end() {
            ended = true;
        }
    }

    private static byte[] readBody(SocketChannel client) throws IOException, RunRequest.Malformed {
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(client, length)) {
            throw new RunRequest.Malformed("no request");
        }
        int n = length.getInt(0);
        if (n < 0 || n > RunRequest.MAX_BODY) {
            throw new RunRequest.Malformed("a request of " + Integer.toUnsignedString(n) + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(n);
        if (!readFully(client, body)) {
            throw new RunRequest.Malformed("a request cut short");
        }
        return body.array();
    }

    /** Fills {@code buffer}; false if the stream ended first. */
    private static boolean readFully(SocketChannel client, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The next byte, or -1 at the end of the stream. */
    private static int readByte(SocketChannel client) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return readFully(client, one) ? one.get(0) & 0xff : -1;
    }

    private static void reply(SocketChannel client, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    private static Object identity(Path jar) {
        if (jar == null) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            return Map.of("size", a.size(), "time", a.lastModifiedTime(), "key", String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return "gone";
        }
    }
}

package dev.vbench.baselines.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started from Debian's binaries (initdb, pg_ctl) in a temporary
 * directory on a free loopback port, and stopped and deleted by {@link #close()}. PostgreSQL refuses
 * to run as root, so as root it runs as the {@code postgres} user (runuser).
 *
 * <p>When the binaries are absent the tests that need it are skipped with a loud message, except
 * under CI (the environment variable CI is set), where .ci/run installs them and a skip would hide
 * a broken install: there it fails.
 */
final class PostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;
    private final Path bin;
    private final boolean asPostgresUser;

    private PostgresServer(Path dir, int port, Path bin, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    /** Starts a server, or skips the calling test (fails under CI) when PostgreSQL is not installed. */
    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        if (bin == null) {
            String message = "PostgreSQL's initdb and pg_ctl were not found (on PATH or in /usr/lib/postgresql/*/bin): "
                    + "the PostgreSQL history tests DID NOT RUN. Install Debian's `postgresql` package (./run-tests does).";
            System.err.println("\n!!! " + message + "\n");
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message + " Under CI this is a failure.");
            }
            Assumptions.abort(message);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vbench-pg-");
        if (root) {
            chown(dir, "postgres");
        }
        Path data = dir.resolve("data");
        int port = freePort();
        PostgresServer server = new PostgresServer(dir, port, bin, root);
        try {
            server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "vbench",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), 120);
            server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                    "start"), 90);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A fresh, empty database on this server, as a --db URL. */
    String newDatabase() throws SQLException {
        String name = "vbench_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=vbench";
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                        "-w", "-t", "60", "stop"), 90);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            // /usr/sbin may be missing from a CI job's PATH; Debian keeps runuser there.
            String runuser = Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser" : "runuser";
            full.addAll(List.of(runuser, "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("vbench-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                String serverLog = Files.exists(dir.resolve("server.log"))
                        ? Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8) : "";
                throw new IOException(String.join(" ", full) + " exited " + p.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + serverLog);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path findBinaries() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path initdb = Path.of(d, "initdb");
                if (Files.isExecutable(initdb) && Files.isExecutable(Path.of(d, "pg_ctl"))) {
                    // Debian links some into /usr/local/bin; use the directory the binaries really live in.
                    try {
                        return initdb.toRealPath().getParent();
                    } catch (IOException e) {
                        return Path.of(d);
                    }
                }
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return null;
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void chown(Path dir, String user) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
    }
}

package dev.vbench.cli;

import dev.vbench.cli.server.RunServer;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vbench server --socket PATH}: the resident JVM the launcher's client hands {@code vbench
 * run} to (RunServer). Started by that client, not by hand, so not in --help.
 */
@Command(name = "server", hidden = true,
        description = "Serve `vbench run` to vbench-client on a UNIX socket until idle (VBENCH_SERVER_IDLE seconds, default 300).")
final class ServerCommand implements Callable<Integer> {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    @Option(names = "--socket", required = true, paramLabel = "PATH", description = "The socket to serve on.")
    Path socket;

    @Override
    public Integer call() throws Exception {
        // vbench's descriptors 1 and 2 are a client's during its run: the server's own lines go to a file.
        Path logFile = socket.resolveSibling(socket.getFileName().toString().replaceFirst("\\.sock$", "") + ".log");
        tidy(logFile);
        try (PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true)) {
            new RunServer(socket, idle(), Main::executeOnce, jar(), log).serve();
        }
        return 0;
    }

    /**
     * Keeps the directory small: this server's log starts anew past 1 MB, and the logs of servers
     * gone for a day (each jar, directory or JVM setting had its own) are removed.
     */
    private static void tidy(Path logFile) {
        try {
            if (java.nio.file.Files.size(logFile) > 1 << 20) {
                java.nio.file.Files.write(logFile, new byte[0]);
            }
        } catch (java.io.IOException e) {
            // no log yet, or not ours to trim
        }
        java.time.Instant dayAgo = java.time.Instant.now().minus(Duration.ofDays(1));
        try (var logs = java.nio.file.Files.newDirectoryStream(logFile.getParent(), "*.log")) {
            for (Path log : logs) {
                Path sock = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", ".sock"));
                if (!java.nio.file.Files.exists(sock)
                        && java.nio.file.Files.getLastModifiedTime(log).toInstant().isBefore(dayAgo)) {
                    java.nio.file.Files.deleteIfExists(log);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // tidying is a courtesy
        }
    }

    private static Duration idle() {
        String seconds = System.getenv("VBENCH_SERVER_IDLE");
        try {
            return seconds == null ? DEFAULT_IDLE : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    private static Path jar() {
        Path p = PlatformProbe.codeLocation();
        return p != null && p.toString().endsWith(".jar") ? p : null;
    }
}

package dev.vbench.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds processes by a marker in their command line by scanning /proc. */
public final class ProcScan {
    private ProcScan() {
    }

    public record Proc(long pid, String cmdline, String state) {
    }

    /** Live processes (zombies excluded) whose /proc/PID/cmdline contains marker, except excludePid. */
    public static List<Proc> withMarker(String marker, long excludePid) {
        List<Proc> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == excludePid || pid == self) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (!cmd.contains(marker)) {
                        continue;
                    }
                    String state = stateOf(p);
                    if (!state.startsWith("Z") && !state.startsWith("X")) {
                        found.add(new Proc(pid, cmd.trim(), state));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String stateOf(Path procDir) throws IOException {
        for (String line : Files.readAllLines(procDir.resolve("status"))) {
            if (line.startsWith("State:")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }

    /** Polls until at least n marked processes exist; returns them (fails after the deadline). */
    public static List<Proc> awaitAtLeast(String marker, long excludePid, int n, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<Proc> now;
        do {
            now = withMarker(marker, excludePid);
            if (now.size() >= n) {
                return now;
            }
            sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + n + " processes marked " + marker + " within " + timeoutMillis
                + " ms, found " + now);
    }

    /** Polls until no marked process is left; returns what is left at the deadline (empty if none). */
    public static List<Proc> awaitNone(String marker, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<Proc> now;
        do {
            now = withMarker(marker, -1);
            if (now.isEmpty()) {
                return now;
            }
            sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return now;
    }

    /** SIGKILLs whatever still carries the marker (cleanup after a failed test). */
    public static void killAll(String marker) {
        for (Proc p : withMarker(marker, -1)) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

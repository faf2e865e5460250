package dev.vbench.core.run;

import java.util.Set;

/**
 * The guest's standard descriptors: where its stdout and stderr go (a null path keeps vbench's
 * own), and which of 0-2 it must find closed, because vbench itself was started without them.
 */
public record Redirects(String stdoutPath, String stderrPath, Set<Integer> closed) {
    public static final Redirects NONE = new Redirects(null, null);

    public Redirects {
        closed = Set.copyOf(closed);
    }

    public Redirects(String stdoutPath, String stderrPath) {
        this(stdoutPath, stderrPath, Set.of());
    }

    /** Whether the guest gets {@code fd} closed: closed for vbench, and not redirected to a file. */
    public boolean closes(int fd) {
        return closed.contains(fd) && !(fd == 1 && stdoutPath != null) && !(fd == 2 && stderrPath != null);
    }
}

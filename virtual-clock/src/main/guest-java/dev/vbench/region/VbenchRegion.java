package dev.vbench.region;

import java.io.File;

/**
 * Regions for JVM guests, the Java counterpart of vbench.h: copy this one file into a project.
 *
 * <pre>{@code
 * VbenchRegion.begin("parse");
 * ...the work to measure...
 * VbenchRegion.end();
 * }</pre>
 *
 * Under {@code vbench run|bench} each marker is a system call the supervisor recognises and
 * answers: {@code access("/dev/null/vbench-region/begin/NAME")} and
 * {@code access("/dev/null/vbench-region/end")} (File.canRead). Natively the first marker fails
 * (/dev/null is not a directory, ENOTDIR), and every marker after it is a no-op: a volatile read.
 * Under {@code --counter valgrind} the supervisor reads the counts at those calls, so a region
 * also includes the JVM's own work meanwhile in the same thread (the interpreter, the JIT
 * compiler's code, not its compiler threads); each marker is one system call.
 * Names: no '/', up to 255 bytes.
 */
public final class VbenchRegion {
    private static final String PREFIX = "/dev/null/vbench-region/";
    private static volatile boolean native_;

    private VbenchRegion() {}

    /** Opens the region {@code name} in the calling thread. */
    public static void begin(String name) {
        mark(PREFIX + "begin/" + name);
    }

    /** Closes the calling thread's innermost open region. */
    public static void end() {
        mark(PREFIX + "end");
    }

    private static void mark(String path) {
        if (native_) {
            return;
        }
        if (!new File(path).canRead()) {
            native_ = true; // nobody answered: not under vbench
        }
    }
}

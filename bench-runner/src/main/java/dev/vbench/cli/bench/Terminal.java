package dev.vbench.cli.bench;

import java.util.Map;
import jnr.ffi.Pointer;

/** Whether vbench's stderr is a terminal a person watches, and how wide it is. */
public final class Terminal {
    private static final long TIOCGWINSZ = 0x5413;
    private static final int STDERR = 2;
    private static final int DEFAULT_WIDTH = 80;

    private Terminal() {}

    /**
     * True when stderr is a terminal and the environment is not CI's ({@code CI} set to anything
     * but {@code false}, as GitHub Actions and GitLab CI set it): progress is drawn only then.
     */
    public static boolean interactive(Map<String, String> env) {
        String ci = env.get("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            return HostLibc.get().isatty(STDERR) == 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Columns of the terminal on stderr (TIOCGWINSZ), else {@code COLUMNS}, else 80. */
    public static int width(Map<String, String> env) {
        try {
            Pointer winsize = HostLibc.allocate(8);
            if (HostLibc.get().ioctl(STDERR, TIOCGWINSZ, winsize) == 0) {
                int columns = Short.toUnsignedInt(winsize.getShort(2));
                if (columns >= 20) {
                    return columns;
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // fall back below
        }
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
            if (columns >= 20) {
                return columns;
            }
        } catch (NumberFormatException e) {
            // fall back below
        }
        return DEFAULT_WIDTH;
    }
}

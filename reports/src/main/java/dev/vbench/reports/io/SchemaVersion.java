package dev.vbench.reports.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code "schema"} string of a result file, {@code vbench.result/MAJOR[.MINOR]}. Minors only add
 * fields (readers ignore what they do not know), so any minor of a supported major is readable; a new
 * major changes meanings and must be refused rather than misread.
 */
public final class SchemaVersion {
    /** The only major this code understands. */
    public static final int SUPPORTED_MAJOR = 1;

    private static final Pattern FORMAT = Pattern.compile("vbench\\.result/(\\d+)(?:\\.(\\d+))?");

    private SchemaVersion() {}

    /** True for {@code vbench.result/1} and {@code vbench.result/1.N}. */
    public static boolean isSupported(String schema) {
        return schema != null && major(schema) == SUPPORTED_MAJOR;
    }

    /** The major version, or -1 if the string is not a vbench result schema at all. */
    public static int major(String schema) {
        Matcher m = FORMAT.matcher(schema);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }
}

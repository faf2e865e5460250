package dev.vbench.cli;

import dev.vbench.core.run.RunOutcome;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two runs of the same guest and says, in a user's terms, what differed: output, exit
 * status, every count (system calls by name and in order, the counter's counts, traps), virtual
 * time, processes and threads.
 */
final class Verification {
    private Verification() {}

    static List<String> differences(GuestRun.Completed a, GuestRun.Completed b) {
        List<String> out = new ArrayList<>();
        RunOutcome x = a.outcome();
        RunOutcome y = b.outcome();
        outputDifference("stdout", a.stdout(), b.stdout(), out);
        outputDifference("stderr", a.stderr(), b.stderr(), out);
        if (x.waitStatus() != y.waitStatus()) {
            out.add("exit status: " + x.shellStatus() + " vs " + y.shellStatus());
        }
        if (!x.syscallsByName().equals(y.syscallsByName())) {
            Set<String> names = new TreeSet<>(x.syscallsByName().keySet());
            names.addAll(y.syscallsByName().keySet());
            for (String n : names) {
                long p = x.syscallsByName().getOrDefault(n, 0L);
                long q = y.syscallsByName().getOrDefault(n, 0L);
                if (p != q) {
                    out.add("system call count of " + n + ": " + p + " vs " + q);
                }
            }
        } else if (x.sequenceHash() != y.sequenceHash()) {
            out.add("system call sequence: same counts, different order");
        }
        var countsA = ResultFiles.counters(a).asMap();
        var countsB = ResultFiles.counters(b).asMap();
        for (String name : countsA.keySet()) {
            if (!name.equals("syscalls") && !countsA.get(name).equals(countsB.get(name))) {
                out.add(name + ": " + countsA.get(name) + " vs " + countsB.get(name));
            }
        }
        if (!x.inputs().digest().equals(y.inputs().digest())) {
            inputDifferences(x.inputs().entries(), y.inputs().entries(), out);
        }
        if (x.virtualNanos() != y.virtualNanos()) {
            out.add("virtual time: " + x.virtualNanos() + " ns vs " + y.virtualNanos() + " ns");
        }
        if (x.processes() != y.processes() || x.threads() != y.threads()) {
            out.add("processes/threads: " + x.processes() + "/" + x.threads() + " vs " + y.processes() + "/" + y.threads());
        }
        return out;
    }

    /** The inputs the two runs read differently, a few of them by name. */
    private static void inputDifferences(Map<String, String> a, Map<String, String> b, List<String> out) {
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        int shown = 0;
        int differing = 0;
        for (String name : names) {
            String p = a.getOrDefault(name, "not read");
            String q = b.getOrDefault(name, "not read");
            if (!p.equals(q)) {
                differing++;
                if (shown++ < 5) {
                    out.add("input " + name + ": " + p + " vs " + q);
                }
            }
        }
        if (differing > shown) {
            out.add((differing - shown) + " more inputs differ");
        }
    }

    /** How much of a differing line is shown on each side of the first difference. */
    private static final int CONTEXT = 100;

    /**
     * Says where two outputs first differ, line by line, reading both as streams: an output of any
     * size (a line of any length) costs a buffer, not its size in memory.
     */
    private static void outputDifference(String what, Path a, Path b, List<String> out) {
        try {
            if (Files.mismatch(a, b) == -1L) {
                return;
            }
            try (InputStream x = new BufferedInputStream(Files.newInputStream(a));
                    InputStream y = new BufferedInputStream(Files.newInputStream(b))) {
                long line = 1;
                long column = 1;
                Tail before = new Tail(CONTEXT);
                while (true) {
                    int c = x.read();
                    int d = y.read();
                    if (c != d) {
                        String shown = before.text();
                        out.add(what + " differs first at line " + line + (column > 1 ? ", column " + column : "")
                                + ": '" + shown + rest(c, x) + "' vs '" + shown + rest(d, y) + "'");
                        return;
                    }
                    if (c == -1) {
                        return;
                    }
                    if (c == '\n') {
                        line++;
                        column = 1;
                        before.clear();
                    } else {
                        column++;
                        before.add((char) c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code next} and what follows it on its line, {@link #CONTEXT} characters at most; "<end>" at the end of the output. */
    private static String rest(int next, InputStream in) throws IOException {
        if (next == -1) {
            return "<end>";
        }
        StringBuilder b = new StringBuilder();
        for (int c = next; c != -1 && c != '\n' && b.length() < CONTEXT; c = in.read()) {
            b.append((char) c);
        }
        return b.toString();
    }

    /** The last characters of a line read so far, "..." first when there were more. */
    private static final class Tail {
        private final char[] ring;
        private long count;

        Tail(int capacity) {
            ring = new char[capacity];
        }

        void add(char c) {
            ring[(int) (count++ % ring.length)] = c;
        }

        void clear() {
            count = 0;
        }

        String text() {
            int n = (int) Math.min(count, ring.length);
            StringBuilder b = new StringBuilder(count > n ? "..." : "");
            for (long i = count - n; i < count; i++) {
                b.append(ring[(int) (i % ring.length)]);
            }
            return b.toString();
        }
    }
}

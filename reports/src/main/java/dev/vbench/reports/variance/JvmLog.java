package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM logged with {@code -Xlog:jit+compilation=debug,gc,safepoint:file=...:uptimenanos,tid,tags}:
 * its JIT compilations (and the compiled methods made not entrant), its GC events and its safepoints,
 * each at the JVM's uptime in nanoseconds. Under vbench the uptime is virtual time, the same on every
 * run of a seed. Lines of other tags, and lines this class does not recognize, are skipped (and counted).
 */
public final class JvmLog {
    /** One compilation (or the end of one: {@code madeNotEntrant}); {@code osrBci} is -1 for a normal one. */
    public record Compilation(long uptimeNs, int id, int tier, String flags, String method, int osrBci,
                              boolean madeNotEntrant) {
        /** What identifies the same compilation in another run: method, tier and OSR entry. */
        public String key() {
            return method + " tier " + tier + (osrBci >= 0 ? " OSR @" + osrBci : "");
        }
    }

    /** One GC event: a pause ({@code "Pause Young (Normal) (G1 Evacuation Pause)"}) or a concurrent phase. */
    public record GcEvent(@JsonProperty("uptime_ns") long uptimeNs, @JsonProperty("gc_id") int gcId,
                          @JsonProperty("what") String what, @JsonProperty("ms") double millis) {
        public boolean pause() {
            return what.contains("Pause");
        }
    }

    /** One safepoint: its operation ({@code "G1CollectForAllocation"}) and how long it took in all. */
    public record Safepoint(long uptimeNs, String operation, long totalNs) {}

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns\\](?:\\[\\d+\\])?\\[([a-z0-9_,]+)\\s*\\]\\s?(.*)$");
    private static final Pattern COMPILE = Pattern.compile(
            "^\\s*(\\d+)\\s([ %sb!n]*?)\\s*(\\d)\\s+(\\S+)(?: @ (\\d+))?\\s+\\([^)]*\\)(\\s+made not entrant)?.*$");
    private static final Pattern GC = Pattern.compile("^GC\\((\\d+)\\) (.*?) (\\d+(?:\\.\\d+)?)ms$");
    private static final Pattern HEAP = Pattern.compile("\\s+\\d+[KMG]->\\d+[KMG]\\(\\d+[KMG]\\)$");
    private static final Pattern SAFEPOINT = Pattern.compile("^Safepoint \"([^\"]+)\".*Total: (\\d+) ns$");

    private final List<Compilation> compilations;
    private final List<GcEvent> gcEvents;
    private final List<Safepoint> safepoints;
    private final int skipped;

    private JvmLog(List<Compilation> compilations, List<GcEvent> gcEvents, List<Safepoint> safepoints, int skipped) {
        this.compilations = List.copyOf(compilations);
        this.gcEvents = List.copyOf(gcEvents);
        this.safepoints = List.copyOf(safepoints);
        this.skipped = skipped;
    }

    public static JvmLog read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static JvmLog parse(List<String> lines) {
        List<Compilation> compilations = new ArrayList<>();
        List<GcEvent> gcs = new ArrayList<>();
        List<Safepoint> safepoints = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                skipped += line.isBlank() ? 0 : 1;
                continue;
            }
            long t = Long.parseLong(m.group(1));
            String tags = m.group(2);
            String body = m.group(3);
            if (tags.equals("jit,compilation")) {
                Matcher c = COMPILE.matcher(body);
                if (c.matches()) {
                    compilations.add(new Compilation(t, Integer.parseInt(c.group(1)), Integer.parseInt(c.group(3)),
                            c.group(2).replace(" ", ""), c.group(4), c.group(5) == null ? -1 : Integer.parseInt(c.group(5)),
                            c.group(6) != null));
                } else {
                    skipped++;
                }
            } else if (tags.equals("gc")) {
                Matcher g = GC.matcher(body);
                if (g.matches()) {
                    gcs.add(new GcEvent(t, Integer.parseInt(g.group(1)), HEAP.matcher(g.group(2)).replaceAll(""),
                            Double.parseDouble(g.group(3))));
                } else if (!body.startsWith("Using ")) {
                    skipped++;
                }
            } else if (tags.equals("safepoint")) {
                Matcher s = SAFEPOINT.matcher(body);
                if (s.matches()) {
                    safepoints.add(new Safepoint(t, s.group(1), Long.parseLong(s.group(2))));
                } else {
                    skipped++;
                }
            }
        }
        return new JvmLog(compilations, gcs, safepoints, skipped);
    }

    /** Several processes' logs as one: each compilation's method is prefixed with its log's label. */
    public static JvmLog merge(List<String> labels, List<JvmLog> logs) {
        if (logs.size() == 1) {
            return logs.get(0);
        }
        List<Compilation> c = new ArrayList<>();
        List<GcEvent> g = new ArrayList<>();
        List<Safepoint> s = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < logs.size(); i++) {
            String p = labels.get(i) + ": ";
            for (Compilation x : logs.get(i).compilations) {
                c.add(new Compilation(x.uptimeNs(), x.id(), x.tier(), x.flags(), p + x.method(), x.osrBci(), x.madeNotEntrant()));
            }
            for (GcEvent x : logs.get(i).gcEvents) {
                g.add(new GcEvent(x.uptimeNs(), x.gcId(), p + x.what(), x.millis()));
            }
            for (Safepoint x : logs.get(i).safepoints) {
                s.add(new Safepoint(x.uptimeNs(), p + x.operation(), x.totalNs()));
            }
            skipped += logs.get(i).skipped;
        }
        return new JvmLog(c, g, s, skipped);
    }

    /** Compilations and made-not-entrant events, in log order. */
    public List<Compilation> compilations() {
        return compilations;
    }

    public List<GcEvent> gcEvents() {
        return gcEvents;
    }

    public List<Safepoint> safepoints() {
        return safepoints;
    }

    /** Lines of the three tags that were not understood. */
    public int skipped() {
        return skipped;
    }

    public JvmSummary summary() {
        return JvmSummary.of(this);
    }
}

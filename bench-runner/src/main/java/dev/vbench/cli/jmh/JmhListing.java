package dev.vbench.cli.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks of a jar as JMH lists them with {@code -lp}, and the runs they make: one per
 * benchmark and combination of its {@code @Param} values (a value given with {@code -p} replaces the
 * annotation's values of that parameter, as JMH does).
 */
public final class JmhListing {
    /** One benchmark and its parameters' values, by parameter name (sorted). */
    public record Listed(String name, Map<String, List<String>> params) {}

    /** One run: a benchmark with one value for each of its parameters. */
    public record Run(String benchmark, Map<String, String> params) {
        public String displayName() {
            return dev.vbench.reports.model.JmhScore.displayName(benchmark, params);
        }
    }

    private static final Pattern PARAM = Pattern.compile("^\\s+param \"([^\"]+)\" = \\{(.*)}\\s*$");
    private static final Pattern NAME = Pattern.compile("^[\\p{L}_$][\\p{L}\\p{N}_$.]*$");

    private JmhListing() {}

    /**
     * Parses {@code java -jar benchmarks.jar -lp}: a "Benchmarks:" line, then each benchmark's name
     * on a line of its own followed by its parameters, {@code   param "n" = {1, 2}}.
     *
     * @throws IllegalArgumentException if the text is not such a listing
     */
    public static List<Listed> parse(String text) {
        List<Listed> out = new ArrayList<>();
        boolean started = false;
        String current = null;
        Map<String, List<String>> params = null;
        for (String line : text.split("\r?\n")) {
            if (!started) {
                started = line.trim().equals("Benchmarks:");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher p = PARAM.matcher(line);
            if (p.matches()) {
                if (current == null) {
                    throw new IllegalArgumentException("a parameter before any benchmark in JMH's listing: " + line.trim());
                }
                String values = p.group(2);
                params.put(p.group(1), values.isEmpty() ? List.of("") : List.of(values.split(", ", -1)));
                continue;
            }
            if (!NAME.matcher(line.trim()).matches()) {
                throw new IllegalArgumentException("not a line of JMH's benchmark listing: " + line);
            }
            if (current != null) {
                out.add(new Listed(current, params));
            }
            current = line.trim();
            params = new TreeMap<>();
        }
        if (!started) {
            throw new IllegalArgumentException("JMH's listing has no \"Benchmarks:\" line");
        }
        if (current != null) {
            out.add(new Listed(current, params));
        }
        return out;
    }

    /**
     * Every run the benchmarks make, in listing order; for each benchmark the combinations of its
     * parameters in name order, the last parameter varying fastest. {@code overrides} (from {@code -p})
     * replace the values of parameters the benchmark has.
     */
    public static List<Run> runs(List<Listed> benchmarks, Map<String, List<String>> overrides) {
        List<Run> out = new ArrayList<>();
        for (Listed b : benchmarks) {
            Map<String, List<String>> values = new TreeMap<>(b.params());
            for (Map.Entry<String, List<String>> o : overrides.entrySet()) {
                if (values.containsKey(o.getKey())) {
                    values.put(o.getKey(), o.getValue());
                }
            }
            List<Map<String, String>> combos = new ArrayList<>();
            combos.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> p : values.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (String v : p.getValue()) {
                        Map<String, String> m = new LinkedHashMap<>(c);
                        m.put(p.getKey(), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (Map<String, String> c : combos) {
                out.add(new Run(b.name(), c));
            }
        }
        return out;
    }
}

package dev.vbench.cli.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vbench.cli.Sizes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a suite file strictly: JSON, or YAML when the name ends in {@code .yaml} or {@code .yml},
 * with the same keys. Every key is checked against the schema below; an unknown key, a key given
 * twice, a wrong type, a bad value, a duplicate benchmark name or an empty command is refused with
 * a {@link SuiteException} whose message names the file, the benchmark and the key.
 *
 * <pre>
 * {"defaults":   {KEY: VALUE, ...},                       optional; any key of a benchmark but name and command
 *  "benchmarks": [{"name": "qsort",                        required, unique, no control characters
 *                  "command": ["./qsort", "200000"],       required, non-empty array of strings
 *                  "cwd": "bench",                         directory, relative to the suite file's; default: the suite file's
 *                  "env": {"N": "1"},                      strings; merged over the defaults' env
 *                  "setup": "make qsort",                  string (run by /bin/sh -c) or array; run natively first
 *                  "repeat": 2,                            determinized runs that must agree; 2..1000, default 2
 *                  "timeout": "30s",                       per run: 250ms, 30s, 5m, 1h
 *                  "threshold": "0.5%",                    regression threshold, a percentage
 *                  "counter": "auto"}]}                    auto | valgrind | perf | none
 * </pre>
 */
public final class SuiteReader {
    public static final int DEFAULT_REPEAT = 2;
    public static final int MAX_REPEAT = 1000;
    public static final Set<String> COUNTERS = Set.of("auto", "valgrind", "perf", "none");

    private static final List<String> TOP_KEYS = List.of("defaults", "benchmarks");
    private static final List<String> DEFAULT_KEYS = List.of("cwd", "env", "setup", "repeat", "timeout", "threshold",
            "counter");
    private static final List<String> BENCHMARK_KEYS = List.of("name", "command", "cwd", "env", "setup", "repeat",
            "timeout", "threshold", "counter");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final Path file;
    private final String label;
    private final Path baseDir;

    private SuiteReader(Path file) {
        this.file = file;
        this.label = file.toString();
        Path parent = file.toAbsolutePath().normalize().getParent();
        this.baseDir = parent == null ? Path.of("/") : parent;
    }

    /** Reads and checks {@code file}; relative {@code cwd}s are resolved against its directory. */
    public static Suite read(Path file) throws SuiteException {
        return new SuiteReader(file).read();
    }

    /** Whether the file is read as YAML (by its name). */
    public static boolean isYaml(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private Suite read() throws SuiteException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SuiteException(label + ": no such file");
        } catch (IOException e) {
            throw new SuiteException(label + ": cannot be read: " + e.getMessage());
        }
        JsonNode root = parse(bytes);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SuiteException(label + ": empty; expected an object with \"benchmarks\"");
        }
        if (!root.isObject()) {
            throw new SuiteException(label + ": expected an object with \"benchmarks\", not " + kind(root));
        }
        checkKeys(root, TOP_KEYS, label);
        rejectNul(root, label);
        Values defaults = new Values();
        JsonNode d = root.get("defaults");
        if (d != null) {
            String where = label + ": defaults";
            if (!d.isObject()) {
                throw new SuiteException(where + ": must be an object, not " + kind(d));
            }
            checkKeys(d, DEFAULT_KEYS, where);
            defaults = values(d, where, new Values());
        }
        JsonNode list = root.get("benchmarks");
        if (list == null) {
            throw new SuiteException(label + ": missing key \"benchmarks\"");
        }
        if (!list.isArray()) {
            throw new SuiteException(label + ": \"benchmarks\" must be an array, not " + kind(list));
        }
        if (list.isEmpty()) {
            throw new SuiteException(label + ": \"benchmarks\" is empty; a suite needs at least one benchmark");
        }
        List<SuiteBenchmark> benchmarks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String at = label + ": benchmarks[" + i + "]";
            if (!b.isObject()) {
                throw new SuiteException(at + ": must be an object, not " + kind(b));
            }
            String name = name(b, at);
            String where = label + ": benchmark \"" + name + "\"";
            Integer previous = seen.putIfAbsent(name, i);
            if (previous != null) {
                throw new SuiteException(where + ": duplicate name (benchmarks[" + previous + "] and benchmarks[" + i
                        + "] are both called \"" + name + "\")");
            }
            checkKeys(b, BENCHMARK_KEYS, where);
            List<String> command = command(b, where);
            Values v = values(b, where, defaults);
            benchmarks.add(new SuiteBenchmark(i, name, command, v.cwd != null ? v.cwd : baseDir, v.env, v.setup,
                    v.repeat != null ? v.repeat : DEFAULT_REPEAT, v.timeout, v.timeoutText, v.thresholdPct, v.counter));
        }
        return new Suite(file, sha256(bytes), defaults.counter, benchmarks);
    }

    private JsonNode parse(byte[] bytes) throws SuiteException {
        try {
            return (isYaml(file) ? YAML : JSON).readTree(bytes);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
            Matcher dup = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'").matcher(message);
            if (dup.find()) {
                message = "key \"" + dup.group(1) + "\" given twice";
            }
            message = message.lines().findFirst().orElse(message).strip();
            throw new SuiteException(label + ": malformed " + (isYaml(file) ? "YAML" : "JSON") + at(e.getLocation())
                    + ": " + message);
        } catch (IOException e) {
            throw new SuiteException(label + ": cannot be read: " + e.getMessage());
        }
    }

    /** The values one object (defaults or a benchmark) sets, over {@code inherited}. */
    private static final class Values {
        Path cwd;
        Map<String, String> env = new LinkedHashMap<>();
        List<String> setup;
        Integer repeat;
        Duration timeout;
        String timeoutText;
        Double thresholdPct;
        String counter;

        Values copy() {
            Values v = new Values();
            v.cwd = cwd;
            v.env = new LinkedHashMap<>(env);
            v.setup = setup;
            v.repeat = repeat;
            v.timeout = timeout;
            v.timeoutText = timeoutText;
            v.thresholdPct = thresholdPct;
            v.counter = counter;
            return v;
        }
    }

    private Values values(JsonNode node, String where, Values inherited) throws SuiteException {
        Values v = inherited.copy();
        JsonNode cwd = node.get("cwd");
        if (cwd != null) {
            String text = string(cwd, where, "cwd", "a directory");
            if (text.isEmpty()) {
                throw new SuiteException(where + ": \"cwd\" must not be empty");
            }
            Path dir = baseDir.resolve(text).normalize();
            if (!Files.isDirectory(dir)) {
                throw new SuiteException(where + ": \"cwd\" " + quote(text) + " is not a directory"
                        + (Path.of(text).isAbsolute() ? "" : " (" + dir + ", relative to the suite file)"));
            }
            v.cwd = dir;
        }
        JsonNode env = node.get("env");
        if (env != null) {
            if (!env.isObject()) {
                throw new SuiteException(where + ": \"env\" must be an object of NAME: \"value\" pairs, not " + kind(env));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!ENV_NAME.matcher(e.getKey()).matches()) {
                    throw new SuiteException(where + ": \"env\" has an invalid variable name " + quote(e.getKey())
                            + " (letters, digits and _, not starting with a digit)");
                }
                if (!e.getValue().isTextual()) {
                    throw new SuiteException(where + ": \"env\" variable " + quote(e.getKey()) + " must be a string, not "
                            + kind(e.getValue()) + (e.getValue().isValueNode() ? " (quote it)" : ""));
                }
                v.env.remove(e.getKey()); // a benchmark's value takes the place of the default's, at the end
                v.env.put(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode setup = node.get("setup");
        if (setup != null) {
            if (setup.isTextual()) {
                if (setup.textValue().isBlank()) {
                    throw new SuiteException(where + ": \"setup\" must not be empty");
                }
                v.setup = List.of("/bin/sh", "-c", setup.textValue());
            } else if (setup.isArray()) {
                v.setup = stringArray(setup, where, "setup");
            } else {
                throw new SuiteException(where + ": \"setup\" must be a string (a shell command) or an array of strings, not "
                        + kind(setup));
            }
        }
        JsonNode repeat = node.get("repeat");
        if (repeat != null) {
            if (!repeat.isIntegralNumber() || !repeat.canConvertToInt()) {
                throw new SuiteException(where + ": \"repeat\" must be an integer, not " + kind(repeat));
            }
            int r = repeat.intValue();
            if (r < 2 || r > MAX_REPEAT) {
                throw new SuiteException(where + ": \"repeat\" must be between 2 and " + MAX_REPEAT + ", not " + r
                        + " (determinism is proven by comparing at least two runs)");
            }
            v.repeat = r;
        }
        JsonNode timeout = node.get("timeout");
        if (timeout != null) {
            String text = string(timeout, where, "timeout", "a duration such as \"30s\"");
            try {
                v.timeout = Sizes.parseDuration(text, "\"timeout\"");
            } catch (IllegalArgumentException e) {
                throw new SuiteException(where + ": " + e.getMessage());
            }
            v.timeoutText = text;
        }
        JsonNode threshold = node.get("threshold");
        if (threshold != null) {
            String text = string(threshold, where, "threshold", "a percentage such as \"0.5%\"");
            Matcher m = PERCENT.matcher(text);
            if (!m.matches()) {
                throw new SuiteException(where + ": \"threshold\" takes a percentage such as \"0.5%\", not " + quote(text));
            }
            BigDecimal pct = new BigDecimal(m.group(1));
            if (pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new SuiteException(where + ": \"threshold\" must be at most 100%, not " + quote(text));
            }
            v.thresholdPct = pct.doubleValue();
        }
        JsonNode counter = node.get("counter");
        if (counter != null) {
            String text = string(counter, where, "counter", "one of auto, valgrind, perf, none");
            if (!COUNTERS.contains(text)) {
                throw new SuiteException(where + ": \"counter\" must be auto, valgrind, perf or none, not " + quote(text));
            }
            v.counter = text;
        }
        return v;
    }

    private static String name(JsonNode b, String at) throws SuiteException {
        JsonNode n = b.get("name");
        if (n == null) {
            throw new SuiteException(at + ": missing key \"name\"");
        }
        if (!n.isTextual()) {
            throw new SuiteException(at + ": \"name\" must be a string, not " + kind(n));
        }
        String name = n.textValue();
        if (name.isBlank()) {
            throw new SuiteException(at + ": \"name\" must not be empty");
        }
        if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
            throw new SuiteException(at + ": \"name\" " + quote(name)
                    + " must not start or end with spaces or contain control characters");
        }
        return name;
    }

    private static List<String> command(JsonNode b, String where) throws SuiteException {
        JsonNode c = b.get("command");
        if (c == null) {
            throw new SuiteException(where + ": missing key \"command\"");
        }
        if (c.isTextual()) {
            throw new SuiteException(where + ": \"command\" must be an array of strings such as "
                    + "[\"./prog\", \"arg\"], not a string (no shell splits it)");
        }
        if (!c.isArray()) {
            throw new SuiteException(where + ": \"command\" must be an array of strings, not " + kind(c));
        }
        List<String> command = stringArray(c, where, "command");
        if (command.get(0).isEmpty()) {
            throw new SuiteException(where + ": \"command\" starts with an empty program name");
        }
        return command;
    }

    private static List<String> stringArray(JsonNode array, String where, String key) throws SuiteException {
        if (array.isEmpty()) {
            throw new SuiteException(where + ": \"" + key + "\" must not be empty");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (!e.isTextual()) {
                throw new SuiteException(where + ": \"" + key + "\"[" + i + "] must be a string, not " + kind(e)
                        + (e.isValueNode() && !e.isNull() ? " (quote it)" : ""));
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static String string(JsonNode node, String where, String key, String expected) throws SuiteException {
        if (!node.isTextual()) {
            throw new SuiteException(where + ": \"" + key + "\" must be " + expected + ", not " + kind(node));
        }
        return node.textValue();
    }

    /** No path, argument, variable or name can hold a NUL character: refuse it wherever it is. */
    private static void rejectNul(JsonNode node, String where) throws SuiteException {
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw new SuiteException(where + ": " + quote(node.textValue().replace("\0", "\\u0000"))
                    + " holds a NUL character, which no path, argument or name can");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().indexOf('\0') >= 0) {
                throw new SuiteException(where + ": a key holds a NUL character");
            }
            rejectNul(e.getValue(), where + "." + e.getKey());
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            rejectNul(node.get(i), where + "[" + i + "]");
        }
    }

    private static void checkKeys(JsonNode object, List<String> allowed, String where) throws SuiteException {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String suggestion = closest(key, allowed);
                throw new SuiteException(where + ": unknown key " + quote(key)
                        + (suggestion != null ? " (did you mean \"" + suggestion + "\"?)"
                        : " (allowed: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    /** The allowed key within edit distance 2 of {@code key}, if exactly one is closest. */
    static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + quote(node.textValue());
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

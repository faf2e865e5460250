package dev.vbench.cli.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JMH options a user gave {@code vbench jmh}, and the command line of the guest JVM that runs one
 * benchmark (with one combination of its parameters) under the determinizer.
 *
 * <p>Why the defaults (each is used only where the user did not give the option):
 * <ul>
 * <li>{@code -f 0}: JMH runs the benchmark in the JVM vbench started, and vbench starts a fresh guest
 *     JVM for every benchmark and parameter combination, so each still gets a JVM of its own (what a
 *     fork is for) without a second JVM start-up per benchmark. A fork under vbench would be
 *     reproducible too, but repeated forks measure nothing new: there is no noise to average.</li>
 * <li>{@code -bm ss -bs 1000 -wbs 1000}: single-shot iterations of a fixed batch of calls. Every run
 *     then does a fixed amount of work, so the counts (instructions, branches) change with the cost
 *     of one call. With time-based iterations the guest's virtual clock ends each iteration after a
 *     fixed virtual time, a slower method makes fewer calls, and the counts stay nearly the same.
 *     A batch amortizes the two clock reads around it (each a system call, 10 us of virtual time).</li>
 * <li>{@code -wi 10 -i 5}: 10,000 warm-up calls reach C2 for ordinary methods; every measured iteration
 *     then costs the same virtual time, so 5 are plenty to show it.</li>
 * <li>{@code -tu ns}, {@code -foe true}: scores in nanoseconds; a failing benchmark fails the run.</li>
 * <li>For a time-based mode the user chose ({@code -bm avgt}, {@code thrpt}, {@code sample}):
 *     {@code -w 100ms -r 100ms} of virtual time instead of JMH's 10 s.</li>
 * </ul>
 * The guest JVM also gets JMH's compiler hints as a forked JVM would ({@link JmhCompilerHints}:
 * JMH applies them only to forks), {@code -Djmh.blackhole.autoDetect=false} (JMH would otherwise start two
 * JVMs to probe for compiler blackholes; it then uses its ordinary blackholes), {@code -XX:-UsePerfData}
 * (no /tmp/hsperfdata file: the JVM lists that directory and removes other JVMs' stale files, host
 * state; and the file's name, the virtual pid, would be the same in every guest), {@code
 * -XX:-UseContainerSupport} (else the JVM reads the cgroup's live memory.stat, host state that moves
 * its instruction counts by a few dozen from run to run) and
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:-UseLibmIntrinsic} (HotSpot's SSE stubs for Math.log and
 * friends use an encoding Valgrind 3.19 cannot decode: the JVM dies of SIGILL under {@code --counter
 * valgrind}; the same flags are used under every counter so that the code measured is the same),
 * {@code -Xbatch} (the JIT compiles in the thread that asked for it, so compilations finish in the
 * warm-up whatever share of the one virtual CPU the scheduler gives the compiler threads; with a
 * scheduler that handed it to them at every slice end, bench.Work.mix measured 5.31 to 7.44 ms per
 * batch without it, a compilation landing inside measured iterations, and 5,313,990 ns in every
 * batch with it) and {@code -Djmh.ignoreLock=true} (JMH refuses to start while
 * another JMH on the machine holds /tmp/jmh.lock; virtual time is not disturbed by it).
 * A guest JVM of release 19 or older also gets {@link #G1_SAMPLING_OFF}: G1's service thread
 * samples the remembered sets every 300 ms of (virtual) time, and where those ticks fall among the
 * measured iterations is chance: bench.Work.mix once measured 5,313,990 ns in four batches and
 * 5,447,490 ns in the one that took an extra tick. JDK 20 removed that task (and the flag).
 */
public final class JmhArguments {
    /** JMH options that take a value (JMH 1.37). */
    static final Set<String> WITH_VALUE = Set.of("i", "bs", "r", "wi", "wbs", "w", "to", "t", "bm", "si", "gc", "foe", "v",
            "f", "wf", "o", "rff", "prof", "tg", "jvm", "jvmArgs", "jvmArgsAppend", "jvmArgsPrepend", "tu", "opi", "rf",
            "wm", "e", "p", "wmb");
    /** JMH options without a value that make it list or explain instead of running. */
    static final Set<String> FLAGS = Set.of("l", "lp", "lrf", "lprof", "h");

    /** The JVM options vbench gives every guest JVM, before the user's. */
    public static final List<String> JVM_DEFAULTS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-UseLibmIntrinsic",
            "-XX:-UsePerfData", "-XX:-UseContainerSupport", "-Djmh.blackhole.autoDetect=false", "-Djmh.ignoreLock=true",
            "-Xbatch");

    /** Puts G1's remembered-set sampling (every 300 ms by default) about 11 days apart: JDK 8 to 19 only. */
    public static final String G1_SAMPLING_OFF = "-XX:G1ConcRefinementServiceIntervalMillis=1000000000";
    private static final int LAST_RELEASE_WITH_G1_SAMPLING = 19;

    private static final Set<String> TIME_BASED = Set.of("thrpt", "throughput", "avgt", "averagetime", "sample",
            "sampletime", "all");

    private final List<String> includes = new ArrayList<>();
    /** Options to pass on as they are, in the user's order: name (without '-') to value. */
    private final LinkedHashMap<String, String> options = new LinkedHashMap<>();
    private final LinkedHashMap<String, List<String>> params = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String jvm;

    private JmhArguments() {}

    /**
     * Reads JMH's own command line: {@code -opt value} or {@code -opt=value}, regular expressions
     * selecting benchmarks anywhere. {@code -rf}/{@code -rff} (vbench reads JMH's JSON itself), the
     * listing flags and {@code -o} are refused.
     *
     * @throws IllegalArgumentException naming the option that cannot be used
     */
    public static JmhArguments parse(List<String> args) {
        JmhArguments a = new JmhArguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                a.includes.add(arg);
                continue;
            }
            String name = arg.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                throw new IllegalArgumentException("JMH option -" + name + " lists or explains instead of running; run the jar "
                        + "with java -jar for that");
            }
            if (!WITH_VALUE.contains(name)) {
                throw new IllegalArgumentException("unknown JMH option " + arg + " (JMH 1.37 options: -" + String.join(", -",
                        new java.util.TreeSet<>(WITH_VALUE)) + "; vbench's own options start with --)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("JMH option " + arg + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "rf", "rff" -> throw new IllegalArgumentException("JMH option -" + name + " is vbench's: it reads JMH's "
                        + "JSON result itself; the result file is --out");
                case "o" -> throw new IllegalArgumentException("JMH option -o is not supported: JMH's output is the guest's "
                        + "stdout, which vbench checks and prints");
                case "p" -> a.param(value);
                case "jvm" -> a.jvm = value;
                case "jvmArgs", "jvmArgsPrepend", "jvmArgsAppend" -> a.jvmArgs.addAll(splitJvmArgs(value));
                default -> {
                    if (a.options.containsKey(name)) {
                        throw new IllegalArgumentException("JMH option -" + name + " is given twice");
                    }
                    a.options.put(name, value);
                }
            }
        }
        return a;
    }

    private void param(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("JMH option -p takes NAME=VALUE[,VALUE...], not '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        List<String> values = List.of(spec.substring(eq + 1).split(",", -1));
        if (params.put(name, values) != null) {
            throw new IllegalArgumentException("JMH parameter " + name + " is given twice");
        }
    }

    private static List<String> splitJvmArgs(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The regular expressions that select benchmarks (none: all). */
    public List<String> includes() {
        return List.copyOf(includes);
    }

    /** Values the user gave with {@code -p}, by parameter name. */
    public Map<String, List<String>> params() {
        return params;
    }

    /** The java program to run ({@code -jvm}, else {@code java} from the PATH). */
    public String java() {
        return jvm != null ? jvm : "java";
    }

    /** The arguments for JMH's listing ({@code -lp}) of the benchmarks the user selected. */
    public List<String> listingArguments() {
        List<String> out = new ArrayList<>();
        if (options.containsKey("e")) {
            out.add("-e");
            out.add(options.get("e"));
        }
        out.addAll(includes);
        out.add("-lp");
        return out;
    }

    /** The JMH options the guest runs with, vbench's defaults where the user gave none, in a fixed order. */
    public List<String> settings() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        s.put("f", "0");
        String mode = options.getOrDefault("bm", "ss");
        s.put("bm", mode);
        boolean timeBased = TIME_BASED.contains(mode.toLowerCase(java.util.Locale.ROOT));
        if (timeBased) {
            s.put("w", "100ms");
            s.put("r", "100ms");
        } else {
            s.put("bs", "1000");
            s.put("wbs", options.getOrDefault("bs", "1000"));
        }
        s.put("wi", "10");
        s.put("i", "5");
        s.put("tu", "ns");
        s.put("foe", "true");
        s.putAll(options);
        s.remove("e");
        List<String> out = new ArrayList<>();
        s.forEach((k, v) -> {
            out.add("-" + k);
            out.add(v);
        });
        return out;
    }

    /** True if the iterations end after a time (the user chose a time-based mode) rather than after a batch. */
    public boolean timeBased() {
        return TIME_BASED.contains(options.getOrDefault("bm", "ss").toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The guest's command line for one benchmark with one parameter combination: {@code java}, vbench's
     * and the user's JVM options, {@code -jar JAR}, the settings, the parameters, a pattern matching
     * exactly this benchmark, and the JSON result going to {@code resultFile}.
     */
    public List<String> guestCommand(String jar, String benchmark, Map<String, String> combination, String resultFile) {
        return guestCommand(jar, benchmark, combination, resultFile, null);
    }

    /**
     * As {@link #guestCommand(String, String, Map, String)}, with JMH's compiler hints ({@link
     * JmhCompilerHints}) from {@code hintsFile} when JMH does not fork (null: none).
     */
    public List<String> guestCommand(String jar, String benchmark, Map<String, String> combination, String resultFile,
                                     String hintsFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmDefaults(GuestJava.featureRelease(java())));
        if (hintsFile != null && forks() == 0) {
            cmd.add("-XX:CompileCommandFile=" + hintsFile);
        }
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar);
        cmd.addAll(settings());
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(combination).entrySet()) {
            cmd.add("-p");
            cmd.add(p.getKey() + "=" + p.getValue());
        }
        cmd.add("-rf");
        cmd.add("json");
        cmd.add("-rff");
        cmd.add(resultFile);
        cmd.add("^" + Pattern.quote(benchmark) + "$");
        return cmd;
    }

    /** {@link #JVM_DEFAULTS}, and {@link #G1_SAMPLING_OFF} for a guest JVM of a release that has it (-1: unknown, not given). */
    static List<String> jvmDefaults(int featureRelease) {
        if (featureRelease < 8 || featureRelease > LAST_RELEASE_WITH_G1_SAMPLING) {
            return JVM_DEFAULTS;
        }
        List<String> out = new ArrayList<>(JVM_DEFAULTS);
        out.add(G1_SAMPLING_OFF);
        return out;
    }

    /** The forks JMH makes ({@code -f}; vbench's default 0). */
    public int forks() {
        try {
            return Integer.parseInt(options.getOrDefault("f", "0").trim());
        } catch (NumberFormatException e) {
            return -1; // JMH itself will say what is wrong with it
        }
    }

    /** The user's JVM options (from -jvmArgs, -jvmArgsPrepend and -jvmArgsAppend), in order. */
    public List<String> jvmArgs() {
        return List.copyOf(jvmArgs);
    }
}

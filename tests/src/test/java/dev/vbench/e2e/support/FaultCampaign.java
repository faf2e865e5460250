package dev.vbench.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vbench.reports.io.ResultIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fault-injection campaign of issue 16: ends vbench's JVM at random points of a run, N times
 * for each way it can end, and counts what is left behind. Ways (modes):
 * <ul>
 *   <li>KILL9: SIGKILL after a random delay (a quarter of them instead end the JVM exactly in the
 *       middle of a result write, {@code -Dvbench.fault.write=halt:N}, which is what a kill -9 at
 *       that instant does);</li>
 *   <li>TERM, INT: SIGTERM, SIGINT after a random delay;</li>
 *   <li>TIMEOUT: {@code --timeout} of a random length;</li>
 *   <li>FAULT: an internal failure injected at a random point: in the supervisor at a random
 *       system call ({@code -Dvbench.fault.afterSyscalls=N}, small N under Valgrind: during its
 *       start), or in a result write at a random byte ({@code -Dvbench.fault.write=throw:N}).</li>
 * </ul>
 * Each trial runs one operation: {@code run --json} or {@code bench --out} of the chaos guest
 * (forks, a double fork into a new session, threads, every signal blocked; a fifth of them under
 * {@code --counter valgrind}), or {@code baseline save} of a large result. Half the trials start
 * with a valid old file at the output path. Afterwards the campaign counts guest processes still
 * alive 3 s after vbench's exit (they must be 0) and output files that are neither the old content
 * nor a complete result (they must be 0); temporaries left by a killed writer are counted apart
 * (they are hidden and removed by later saves, by design).
 */
public final class FaultCampaign {
    public enum Mode { KILL9, TERM, INT, TIMEOUT, FAULT }

    enum Op { RUN, BENCH, BASELINE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Path work;
    private final String chaos;
    private final byte[] oldResult;
    private final byte[] bigResult;
    private final Map<String, Long> natural = new TreeMap<>();
    private final Map<Mode, Tally> tallies = new EnumMap<>(Mode.class);
    private final List<String> problems = new ArrayList<>();

    /** What the trials of one mode left. */
    public static final class Tally {
        public int trials;
        public int survivors;
        public int trialsWithSurvivors;
        public int corrupt;
        public int oldKept;
        public int newComplete;
        public int noneWritten;
        public int temporariesLeft;
        public int hungVbench;
        public int stackTraces;
        public final Map<String, Integer> kinds = new TreeMap<>();
        public final Map<Integer, Integer> exits = new TreeMap<>();
    }

    public FaultCampaign(long seed) {
        this.random = new Random(seed);
        this.work = Processes.scratch("faults");
        this.chaos = Guests.path("chaos");
        Guests.path("sigdfl");
        for (Mode m : Mode.values()) {
            tallies.put(m, new Tally());
        }
        try {
            this.oldResult = calibrateAndMakeOld();
            this.bigResult = bigResult(oldResult, 20_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<Mode, Tally> tallies() {
        return tallies;
    }

    public List<String> problems() {
        return problems;
    }

    /** Runs {@code perMode} trials of every mode, interleaved. */
    public void run(int perMode) {
        run(perMode, null);
    }

    /** As {@link #run(int)}, rewriting {@code progress} (if not null) after every round, so a long campaign cut short still tells. */
    public void run(int perMode, Path progress) {
        for (int i = 0; i < perMode; i++) {
            for (Mode m : Mode.values()) {
                trial(m);
            }
            if (progress != null) {
                writeReport(progress, "(in progress: " + (i + 1) + " of " + perMode + " rounds)\n\n");
            }
        }
    }

    // ---- set-up ---------------------------------------------------------------------------------

    /** Each operation once, undisturbed: how long it takes, and a valid result to start trials from. */
    private byte[] calibrateAndMakeOld() throws IOException {
        Path out = work.resolve("calibrate.json");
        for (boolean valgrind : new boolean[] {false, true}) {
            for (Op op : new Op[] {Op.RUN, Op.BENCH}) {
                Path o = work.resolve("calibrate-" + op + valgrind + ".json");
                Trial t = new Trial(op, valgrind, "mix", o, UUID.randomUUID().toString());
                long t0 = System.nanoTime();
                RunResult r = Processes.run(Processes.builder(t.command(List.of(), List.of()), Map.of(), work),
                        Duration.ofSeconds(300));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (r.exitCode() != 0 || !Files.exists(o)) {
                    throw new IllegalStateException("calibration run failed\n" + r.describe());
                }
                natural.put(op + (valgrind ? "+valgrind" : ""), ms);
                if (op == Op.RUN && !valgrind) {
                    Files.copy(o, out);
                }
            }
        }
        byte[] old = Files.readAllBytes(out);
        Path big = work.resolve("big.json");
        Files.write(big, bigResult(old, 20_000));
        Path store = work.resolve("calibrate-store");
        long t0 = System.nanoTime();
        RunResult r = Processes.run(Processes.builder(Vbench.command(List.of(), List.of("baseline", "save", "--dir",
                store.toString(), "b", big.toString())), Map.of(), work), Duration.ofSeconds(300));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("calibration save failed\n" + r.describe());
        }
        natural.put(Op.BASELINE.toString(), (System.nanoTime() - t0) / 1_000_000);
        return old;
    }

    /** The old result with its one benchmark repeated {@code n} times under distinct names. */
    private static byte[] bigResult(byte[] old, int n) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(old);
        ArrayNode benchmarks = (ArrayNode) root.get("benchmarks");
        JsonNode first = benchmarks.get(0);
        ArrayNode many = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode b = first.deepCopy();
            b.put("name", "bench-" + i);
            many.add(b);
        }
        root.set("benchmarks", many);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    public Map<String, Long> naturalMillis() {
        return natural;
    }

    // ---- one trial -------------------------------------------------------------------------------

    private final class Trial {
        final Op op;
        final boolean valgrind;
        final String shape;
        final Path out;
        final String marker;
        Path suite;
        Path store;

        Trial(Op op, boolean valgrind, String shape, Path out, String marker) {
            this.op = op;
            this.valgrind = valgrind;
            this.shape = shape;
            this.out = out;
            this.marker = marker;
        }

        List<String> guest() {
            return List.of(chaos, "vbench-fault-" + marker, shape, valgrind ? "60" : "300");
        }

        List<String> command(List<String> jvm, List<String> extra) throws IOException {
            List<String> args = new ArrayList<>();
            List<String> counter = valgrind ? Vbench.VALGRIND : Vbench.NO_COUNTER;
            switch (op) {
                case RUN -> {
                    args.add("run");
                    args.addAll(counter);
                    args.addAll(extra);
                    args.addAll(List.of("--json", out.toString(), "--"));
                    args.addAll(guest());
                }
                case BENCH -> {
                    suite = work.resolve("suite-" + marker + ".json");
                    ObjectNode s = JSON.createObjectNode();
                    ArrayNode list = s.putArray("benchmarks");
                    ObjectNode b = list.addObject();
                    b.put("name", "chaos-" + shape);
                    ArrayNode c = b.putArray("command");
                    guest().forEach(c::add);
                    Files.write(suite, JSON.writeValueAsBytes(s));
                    args.addAll(List.of("bench", suite.toString(), "--out", out.toString()));
                    args.addAll(counter);
                    args.addAll(extra);
                }
                case BASELINE -> {
                    Path big = work.resolve("big.json");
                    if (!Files.exists(big)) {
                        Files.write(big, bigResult);
                    }
                    args.addAll(List.of("baseline", "save", "--dir", out.getParent().toString(), "b", big.toString()));
                }
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Guests.path("sigdfl"));
            cmd.addAll(Vbench.command(jvm, args));
            return cmd;
        }
    }

    private static final String[] SHAPES = {"fork", "setsid", "threads", "sigblock", "mix"};

    void trial(Mode mode) {
        Tally tally = tallies.get(mode);
        tally.trials++;
        boolean write = false;
        Op op;
        if (mode == Mode.TIMEOUT) {
            op = random.nextBoolean() ? Op.RUN : Op.BENCH;
        } else {
            int r = random.nextInt(4);
            op = r < 2 ? Op.RUN : r == 2 ? Op.BENCH : Op.BASELINE;
        }
        boolean valgrind = op != Op.BASELINE && random.nextInt(5) == 0;
        String shape = SHAPES[random.nextInt(SHAPES.length)];
        String marker = UUID.randomUUID().toString();
        Path dir = work.resolve("t-" + marker.substring(0, 8));
        Path out = op == Op.BASELINE ? dir.resolve("store").resolve("b.json") : dir.resolve("result.json");
        Trial t = new Trial(op, valgrind, shape, out, marker);
        List<String> jvm = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long naturalMs = natural.get(op == Op.BASELINE ? "BASELINE" : op + (valgrind ? "+valgrind" : ""));
        long delay = 50 + (long) (random.nextDouble() * naturalMs * 1.1);
        String kind = op + (valgrind ? "+valgrind" : "") + " ";
        long writeSize = op == Op.BASELINE ? bigResult.length : oldResult.length;
        switch (mode) {
            case KILL9 -> {
                if (random.nextInt(4) == 0) {
                    write = true;
                    jvm.add("-Dvbench.fault.write=halt:" + (long) (random.nextDouble() * writeSize));
                    kind += "halt mid-write";
                } else {
                    kind += "kill -9";
                }
            }
            case TERM -> kind += "SIGTERM";
            case INT -> kind += "SIGINT";
            case TIMEOUT -> {
                long limit = 20 + (long) (random.nextDouble() * naturalMs);
                extra.addAll(List.of("--timeout", limit + "ms"));
                kind += "timeout";
            }
            case FAULT -> {
                if (op == Op.BASELINE || random.nextBoolean()) {
                    write = true;
                    jvm.add("-Dvbench.fault.write=throw:" + (long) (random.nextDouble() * writeSize));
                    kind += "write fault";
                } else {
                    long n = valgrind ? 1 + random.nextInt(400) : 1 + random.nextInt(3000);
                    jvm.add("-Dvbench.fault.afterSyscalls=" + n);
                    kind += "supervisor fault";
                }
            }
        }
        tally.kinds.merge(kind.trim(), 1, Integer::sum);
        try {
            Files.createDirectories(out.getParent());
            byte[] before = random.nextBoolean() ? oldResult : null;
            if (before != null) {
                Files.write(out, before);
            }
            Processes.Started s = Processes.start(Processes.builder(t.command(jvm, extra), Map.of(), dir));
            boolean signalled = mode == Mode.KILL9 && !write || mode == Mode.TERM || mode == Mode.INT;
            if (signalled) {
                sleep(delay);
                String sig = mode == Mode.KILL9 ? "KILL" : mode == Mode.TERM ? "TERM" : "INT";
                new ProcessBuilder("kill", "-" + sig, Long.toString(s.pid())).start().waitFor(10, TimeUnit.SECONDS);
            }
            int exit;
            String stderr;
            if (!s.process.waitFor(60, TimeUnit.SECONDS)) {
                tally.hungVbench++;
                problems.add(kind + " (" + shape + ", " + jvm + extra + "): vbench did not exit within 60 s (then killed with SIGKILL); stderr: "
                        + tail(s.stderrSoFar()));
                s.process.destroyForcibly();
                s.process.waitFor(10, TimeUnit.SECONDS);
            }
            exit = s.process.exitValue();
            stderr = s.stderrSoFar();
            tally.exits.merge(exit, 1, Integer::sum);
            if (stderr.contains("\tat ") || stderr.contains("Exception in thread")) {
                tally.stackTraces++;
                problems.add(kind + " (" + shape + ", " + jvm + extra + "): a stack trace: " + tail(stderr));
            }
            List<ProcScan.Proc> left = ProcScan.awaitNone(marker, 3000);
            if (!left.isEmpty()) {
                tally.survivors += left.size();
                tally.trialsWithSurvivors++;
                problems.add(kind + " (" + shape + "): " + left.size() + " guest processes left: " + left);
                ProcScan.killAll(marker);
            }
            judgeOutput(tally, kind, out, before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            ProcScan.killAll(marker);
        }
    }

    private void judgeOutput(Tally tally, String kind, Path out, byte[] before) throws IOException {
        try (Stream<Path> files = Files.list(out.getParent())) {
            String prefix = "." + out.getFileName() + ".";
            tally.temporariesLeft += (int) files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).count();
        }
        if (!Files.exists(out)) {
            if (before != null) {
                tally.corrupt++;
                problems.add(kind + ": the old " + out.getFileName() + " is gone and no new one replaced it");
            } else {
                tally.noneWritten++;
            }
            return;
        }
        byte[] now = Files.readAllBytes(out);
        if (before != null && Arrays.equals(now, before)) {
            tally.oldKept++;
            return;
        }
        try {
            ResultIO.read(out);
            tally.newComplete++;
        } catch (IOException | RuntimeException e) {
            tally.corrupt++;
            problems.add(kind + ": " + out + " is neither the old file nor a complete result (" + now.length
                    + " bytes): " + e.getMessage());
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return (t.length() > 600 ? "..." + t.substring(t.length() - 600) : t).replace("\n", " | ");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The tallies as a Markdown table, with the totals that must be 0. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("| mode | trials | what | exit codes | guests left | corrupt or half-written | old kept | new complete | none written | temporaries left | stack traces | vbench hung |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<Mode, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(t.trials).append(" | ").append(t.kinds)
                    .append(" | ").append(t.exits).append(" | ").append(t.survivors).append(" | ").append(t.corrupt)
                    .append(" | ").append(t.oldKept).append(" | ").append(t.newComplete).append(" | ")
                    .append(t.noneWritten).append(" | ").append(t.temporariesLeft).append(" | ")
                    .append(t.stackTraces).append(" | ").append(t.hungVbench).append(" |\n");
        }
        sb.append("\nundisturbed durations (ms): ").append(natural).append('\n');
        if (!problems.isEmpty()) {
            sb.append("\nproblems:\n");
            problems.forEach(p -> sb.append("- ").append(p).append('\n'));
        }
        return sb.toString();
    }

    public void writeReport(Path file, String header) {
        try {
            Files.writeString(file, header + report(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.model.CalibratedModel;
import dev.vbench.model.io.ModelFileException;
import dev.vbench.model.io.ModelFileReader;
import dev.vbench.model.io.ModelFileWriter;
import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.io.ResultIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over every reader of user files: results ({@link ResultIO}, from a file
 * and from a stream), baselines ({@link BaselineStore#load}), suites ({@link SuiteReader}, JSON and
 * YAML) and model files ({@link ModelFileReader}). From valid files and the bad-input corpus it
 * makes inputs by flipping bits, writing JSON's structural bytes and extreme numbers, cutting,
 * duplicating and splicing ranges, and asserts that only each reader's documented exception
 * escapes (ResultFormatException, SuiteException, ModelFileException; no RuntimeException, no
 * StackOverflowError, no OutOfMemoryError). A failing input is saved under
 * target/fuzz-failures/ with the seed.
 *
 * <p>Why not Jazzer (coverage-guided): com.code-intelligence:jazzer-junit 0.24.0 resolves here but
 * is built against JUnit 5, and this project runs JUnit 6.1.3 (see the report in docs/reliability.md).
 *
 * <p>{@code -Dvbench.fuzz.seconds=N} per reader (default 5: 20 s in all), {@code -Dvbench.fuzz.seed}.
 */
class ReaderFuzzTest {
    @TempDir
    static Path dir;

    static final List<byte[]> RESULT_SEEDS = new ArrayList<>();
    static final List<byte[]> SUITE_SEEDS = new ArrayList<>();
    static final List<byte[]> MODEL_SEEDS = new ArrayList<>();

    static final long SECONDS = Long.getLong("vbench.fuzz.seconds", 5);
    static final long SEED = Long.getLong("vbench.fuzz.seed", 16);

    @BeforeAll
    static void seeds() throws IOException {
        String valid;
        try (InputStream in = ReaderFuzzTest.class.getResourceAsStream("/badinput/valid-result.json")) {
            valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RESULT_SEEDS.add(valid.getBytes(StandardCharsets.UTF_8));
        RESULT_SEEDS.addAll(BadInputCorpusTest.results(valid).values());
        SUITE_SEEDS.add(("{\"defaults\": {\"repeat\": 2, \"threshold\": \"0.5%\", \"counter\": \"none\", \"env\": {\"A\": \"1\"},"
                + " \"timeout\": \"30s\", \"setup\": \"true\"},\n \"benchmarks\": [{\"name\": \"q\", \"command\": [\"./q\", \"1\"],"
                + " \"cwd\": \".\", \"setup\": [\"make\"], \"threshold\": \"0.2%\", \"env\": {\"B\": \"2\"}}]}")
                .getBytes(StandardCharsets.UTF_8));
        SUITE_SEEDS.add(("defaults:\n  repeat: 3\n  env: {A: '1'}\nbenchmarks:\n  - name: q\n    command: [./q, '1']\n"
                + "    timeout: 5s\n").getBytes(StandardCharsets.UTF_8));
        BadInputCorpusTest.suites().values().forEach(s -> SUITE_SEEDS.add(s.getBytes(StandardCharsets.UTF_8)));
        Path model = dir.resolve("seed-model.json");
        ModelFileWriter.write(model, new CalibratedModel("cal-valgrind-0123456789ab", Instant.parse("2026-12-01T10:15:30Z"),
                "host", "valgrind",
                List.of(new CalibratedModel.Coefficient("instructions", 0.25, 0.01),
                        new CalibratedModel.Coefficient("syscalls", 1200, 35)),
                new CalibratedModel.FitSummary("nnls", "relative", 56, 14, 0.97, 0.965, 4.5, 31.0, 1.8),
                List.of(new CalibratedModel.Alternative("hermit-fixed", "Hermit", 80.0, 400.0, null),
                        new CalibratedModel.Alternative("ols", "OLS", Double.NaN, Double.NaN, "dependent"))));
        MODEL_SEEDS.add(Files.readAllBytes(model));
        MODEL_SEEDS.add(new byte[0]);
    }

    /** One reader: takes the bytes, throws only what it documents. */
    @FunctionalInterface
    interface Reader {
        void read(byte[] input) throws Exception;
    }

    private static int fuzz(String name, List<byte[]> seeds, Class<? extends Exception> documented, Reader reader) {
        Random random = new Random(SEED ^ name.hashCode());
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        int runs = 0;
        for (byte[] seed : seeds) { // every seed as it is, first
            check(name, seed, documented, reader);
            runs++;
        }
        while (System.nanoTime() < deadline) {
            byte[] input = Mutator.mutate(random, seeds);
            check(name, input, documented, reader);
            runs++;
        }
        System.out.println("fuzz " + name + ": " + runs + " inputs in " + SECONDS + " s, seed " + SEED);
        return runs;
    }

    private static void check(String name, byte[] input, Class<? extends Exception> documented, Reader reader) {
        try {
            reader.read(input);
        } catch (Throwable t) {
            if (documented.isInstance(t)) {
                assertThat(t.getMessage()).as("%s: a %s without a message", name, t.getClass().getSimpleName()).isNotBlank();
                return;
            }
            Path saved = save(name, input);
            throw new AssertionError(name + " let " + t + " escape (documented: " + documented.getSimpleName()
                    + "); input saved in " + saved + " (" + input.length + " bytes): "
                    + HexFormat.of().formatHex(input, 0, Math.min(input.length, 200)), t);
        }
    }

    private static Path save(String name, byte[] input) {
        try {
            Path out = Path.of("target", "fuzz-failures");
            Files.createDirectories(out);
            Path file = out.resolve(name + "-" + SEED + "-" + Integer.toHexString(java.util.Arrays.hashCode(input)));
            Files.write(file, input);
            return file.toAbsolutePath();
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void resultReaderThrowsOnlyResultFormatException() throws IOException {
        Path file = dir.resolve("r.json");
        int runs = fuzz("result-file", RESULT_SEEDS, ResultFormatException.class, in -> {
            Files.write(file, in);
            ResultIO.read(file);
        });
        fuzz("result-stream", RESULT_SEEDS, ResultFormatException.class,
                in -> ResultIO.read(new ByteArrayInputStream(in), "stdin"));
        assertThat(runs).isGreaterThan(RESULT_SEEDS.size());
    }

    @Test
    void baselineLoadThrowsOnlyResultFormatException() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        BaselineStore baselines = new BaselineStore(store);
        fuzz("baseline", RESULT_SEEDS, ResultFormatException.class, in -> {
            Files.write(store.resolve("b.json"), in);
            baselines.load("b");
        });
    }

    @Test
    void suiteReaderThrowsOnlySuiteException() throws IOException {
        Path json = dir.resolve("s.json");
        Path yaml = dir.resolve("s.yaml");
        Files.createDirectories(dir.resolve("cwd-file.json")); // the corpus' cwd cases resolve against dir
        fuzz("suite", SUITE_SEEDS, SuiteException.class, in -> {
            Files.write(json, in);
            SuiteReader.read(json);
            Files.write(yaml, in);
            SuiteReader.read(yaml);
        });
    }

    @Test
    void modelReaderThrowsOnlyModelFileException() {
        Path file = dir.resolve("m.json");
        fuzz("model", MODEL_SEEDS, ModelFileException.class, in -> {
            Files.write(file, in);
            ModelFileReader.read(file, "valgrind");
        });
    }

    /** Byte-level mutations with JSON's structural bytes and extreme numbers as the dictionary. */
    static final class Mutator {
        private static final byte[][] TOKENS = bytes("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800",
                "null", "true", "-", "0", "-0", "1e999", "-1e999", "NaN", "Infinity", "9223372036854775808",
                "-9223372036854775809", "1.5", "1e-400", "\"\"", "[]", "{}", "\u00ff", "\n", "- ", ": ", "&a", "*a", "!!",
                "vbench.result/1", "vbench.result/2", "vbench.model/1", "\"schema\"", "\"benchmarks\"", "\"command\"");

        private static byte[][] bytes(String... s) {
            byte[][] out = new byte[s.length][];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i].getBytes(StandardCharsets.UTF_8);
            }
            return out;
        }

        static byte[] mutate(Random r, List<byte[]> seeds) {
            byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
            int rounds = 1 + r.nextInt(4);
            for (int i = 0; i < rounds; i++) {
                b = once(r, b, seeds);
            }
            return b;
        }

        private static byte[] once(Random r, byte[] b, List<byte[]> seeds) {
            int n = b.length;
            switch (r.nextInt(8)) {
                case 0: // flip a bit
                    if (n > 0) {
                        b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                    }
                    return b;
                case 1: // a random byte
                    if (n > 0) {
                        b[r.nextInt(n)] = (byte) r.nextInt(256);
                    }
                    return b;
                case 2: // insert a token
                    return splice(b, r.nextInt(n + 1), 0, TOKENS[r.nextInt(TOKENS.length)]);
                case 3: // replace a range by a token
                    if (n == 0) {
                        return b;
                    }
                    int at = r.nextInt(n);
                    return splice(b, at, Math.min(n - at, 1 + r.nextInt(8)), TOKENS[r.nextInt(TOKENS.length)]);
                case 4: // truncate
                    return java.util.Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
                case 5: { // delete a range
                    if (n == 0) {
                        return b;
                    }
                    int from = r.nextInt(n);
                    return splice(b, from, Math.min(n - from, 1 + r.nextInt(64)), new byte[0]);
                }
                case 6: { // duplicate a range
                    if (n == 0) {
                        return b;
                    }
                    int from = r.nextInt(n);
                    int len = Math.min(n - from, 1 + r.nextInt(256));
                    return splice(b, r.nextInt(n + 1), 0, java.util.Arrays.copyOfRange(b, from, from + len));
                }
                default: { // splice in a piece of another seed
                    byte[] other = seeds.get(r.nextInt(seeds.size()));
                    if (other.length == 0) {
                        return b;
                    }
                    int from = r.nextInt(other.length);
                    int len = Math.min(other.length - from, 1 + r.nextInt(512));
                    int where = r.nextInt(n + 1);
                    return splice(b, where, Math.min(n - where, r.nextInt(64)), java.util.Arrays.copyOfRange(other, from, from + len));
                }
            }
        }

        private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
            byte[] out = new byte[b.length - remove + insert.length];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
            return out;
        }
    }
}

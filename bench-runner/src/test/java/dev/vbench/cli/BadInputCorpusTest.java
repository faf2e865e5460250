package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 16): malformed results, suites and baselines and bad command lines
 * go through the CLI in this JVM (every case fails before a guest would start, so nothing is
 * traced). Each must exit with its documented code (run: 125 bad options, 126 not executable, 127
 * not found; every other command 2) and say what is wrong in one line starting "vbench: " that
 * names the file or option, never with a stack trace. Model files have no command that reads them
 * yet; {@link ReaderFuzzTest} and perf-model's ModelFileTest cover their reader.
 */
class BadInputCorpusTest {
    @TempDir
    static Path dir;

    static String valid;
    static final Map<String, byte[]> RESULTS = new LinkedHashMap<>();
    static final Map<String, byte[]> SUITES = new LinkedHashMap<>();

    /** The corpus of malformed results: name -> bytes. Also the fuzzer's seeds. */
    static Map<String, byte[]> results(String valid) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("truncated", valid.substring(0, valid.length() / 2).getBytes(StandardCharsets.UTF_8));
        m.put("truncated-in-string", valid.substring(0, valid.indexOf("vbench.result") + 4).getBytes(StandardCharsets.UTF_8));
        m.put("empty", new byte[0]);
        m.put("whitespace", "  \n\t ".getBytes(StandardCharsets.UTF_8));
        m.put("top-array", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        m.put("top-string", "\"vbench.result/1\"".getBytes(StandardCharsets.UTF_8));
        m.put("no-schema", "{\"benchmarks\": []}".getBytes(StandardCharsets.UTF_8));
        m.put("schema-number", "{\"schema\": 1, \"benchmarks\": []}".getBytes(StandardCharsets.UTF_8));
        m.put("schema-future-major", valid.replace("vbench.result/1", "vbench.result/2").getBytes(StandardCharsets.UTF_8));
        m.put("schema-garbage", valid.replace("vbench.result/1", "vbench.result/x.y").getBytes(StandardCharsets.UTF_8));
        m.put("benchmarks-string", valid.replaceFirst("\"benchmarks\"\\s*:\\s*\\[", "\"benchmarks\" : \"no\", \"x\": [")
                .getBytes(StandardCharsets.UTF_8));
        m.put("runs-string", valid.replaceFirst("\"runs\"\\s*:\\s*[0-9]+", "\"runs\" : \"three\"").getBytes(StandardCharsets.UTF_8));
        m.put("exit-float", valid.replaceFirst("\"exit_status\"\\s*:\\s*[0-9]+", "\"exit_status\" : 0.5").getBytes(StandardCharsets.UTF_8));
        m.put("huge-integer", valid.replaceFirst("\"virtual_time_ns\"\\s*:\\s*[0-9]+",
                "\"virtual_time_ns\"\\s*:\\s*123456789012345678901234567890").getBytes(StandardCharsets.UTF_8));
        m.put("huge-exponent", valid.replaceFirst("\"virtual_time_ns\"\\s*:\\s*[0-9]+", "\"virtual_time_ns\" : 1e400")
                .getBytes(StandardCharsets.UTF_8));
        m.put("negative-count", valid.replaceFirst("\"instructions\"\\s*:\\s*[0-9]+", "\"instructions\" : -5")
                .getBytes(StandardCharsets.UTF_8));
        m.put("nan-token", valid.replaceFirst("\"virtual_time_ns\"\\s*:\\s*[0-9]+", "\"virtual_time_ns\" : NaN")
                .getBytes(StandardCharsets.UTF_8));
        m.put("nan-string", valid.replaceFirst("\"virtual_time_ns\"\\s*:\\s*[0-9]+", "\"virtual_time_ns\" : \"NaN\"")
                .getBytes(StandardCharsets.UTF_8));
        m.put("two-documents", (valid + valid).getBytes(StandardCharsets.UTF_8));
        m.put("null-benchmark", valid.replaceFirst("\"benchmarks\"\\s*:\\s*\\[", "\"benchmarks\" : [ null, ")
                .getBytes(StandardCharsets.UTF_8));
        m.put("deep-nesting", ("{\"schema\": \"vbench.result/1\", \"x\": " + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        byte[] utf8 = valid.replaceFirst("\"name\"\\s*:\\s*\"[^\"]*\"", "\"name\" : \"bad-@@\"").getBytes(StandardCharsets.UTF_8);
        String s = new String(utf8, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("bad-@@") + 4;
        utf8[at] = (byte) 0xC3; // a lead byte followed by '@': not UTF-8
        utf8[at + 1] = (byte) 0xFF;
        m.put("not-utf8", utf8);
        m.put("utf32-guess", new byte[] {'2', 0, 0, 0, 0}); // found by Jazzer: Jackson guesses UTF-32, then EOF mid-char
        // (UTF-16 with a byte-order mark is valid JSON, RFC 8259 readers may detect it: not in the corpus)
        return m;
    }

    static Map<String, String> suites() {
        Map<String, String> m = new LinkedHashMap<>();
        String ok = "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"/bin/true\"]}]}";
        m.put("truncated.json", ok.substring(0, 30));
        m.put("empty.json", "");
        m.put("top-array.json", "[]");
        m.put("benchmarks-object.json", "{\"benchmarks\": {}}");
        m.put("no-benchmarks.json", "{\"defaults\": {}}");
        m.put("empty-benchmarks.json", "{\"benchmarks\": []}");
        m.put("command-string.json", ok.replace("[\"/bin/true\"]", "\"/bin/true\""));
        m.put("command-empty.json", ok.replace("[\"/bin/true\"]", "[]"));
        m.put("command-number.json", ok.replace("[\"/bin/true\"]", "[1]"));
        m.put("repeat-huge.json", ok.replace("}]}", ", \"repeat\": 99999999999999999999}]}"));
        m.put("repeat-float.json", ok.replace("}]}", ", \"repeat\": 2.5}]}"));
        m.put("repeat-nan.json", ok.replace("}]}", ", \"repeat\": NaN}]}"));
        m.put("timeout-nan.json", ok.replace("}]}", ", \"timeout\": \"NaNs\"}]}"));
        m.put("timeout-huge.json", ok.replace("}]}", ", \"timeout\": \"99999999999999999999h\"}]}"));
        m.put("threshold-nan.json", ok.replace("}]}", ", \"threshold\": \"NaN%\"}]}"));
        m.put("threshold-huge.json", ok.replace("}]}", ", \"threshold\": \"1e999%\"}]}"));
        m.put("unknown-key.json", ok.replace("}]}", ", \"repaet\": 2}]}"));
        m.put("duplicate-key.json", ok.replace("}]}", ", \"name\": \"b\"}]}"));
        m.put("duplicate-name.json", "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"x\"]}, {\"name\": \"a\", \"command\": [\"y\"]}]}");
        m.put("name-control.json", ok.replace("\"a\"", "\"a\\u0007b\""));
        m.put("name-newline.json", ok.replace("\"a\"", "\"a\\nb\""));
        m.put("cwd-missing.json", ok.replace("}]}", ", \"cwd\": \"no/such/dir\"}]}"));
        m.put("cwd-file.json", ok.replace("}]}", ", \"cwd\": \"cwd-file.json\"}]}"));
        m.put("cwd-nul.json", ok.replace("}]}", ", \"cwd\": \"no/such/d\\u0000\"}]}")); // found by ReaderFuzzTest
        m.put("command-nul.json", ok.replace("/bin/true", "/bin/tr\\u0000ue"));
        m.put("env-number.json", ok.replace("}]}", ", \"env\": {\"A\": 1}}]}"));
        m.put("counter-bogus.json", ok.replace("}]}", ", \"counter\": \"abacus\"}]}"));
        m.put("malformed.yaml", "benchmarks: [\n  - name: a\n    command: [/bin/true\n");
        m.put("wrong-type.yaml", "benchmarks:\n  - name: a\n    command: /bin/true\n");
        m.put("yaml-alias-bomb.yaml", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nbenchmarks: *c\n");
        m.put("yaml-tag.yaml", "benchmarks: !!javax.script.ScriptEngineManager [x]\n");
        return m;
    }

    @BeforeAll
    static void corpus() throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/badinput/valid-result.json")) {
            valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("valid.json"), valid);
        Files.createDirectories(dir.resolve("results"));
        for (Map.Entry<String, byte[]> e : results(valid).entrySet()) {
            Files.write(dir.resolve("results").resolve(e.getKey() + ".json"), e.getValue());
        }
        Files.createDirectories(dir.resolve("suites"));
        for (Map.Entry<String, String> e : suites().entrySet()) {
            Files.writeString(dir.resolve("suites").resolve(e.getKey()), e.getValue());
        }
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.write(store.resolve("truncated.json"), results(valid).get("truncated"));
        Files.write(store.resolve("future.json"), results(valid).get("schema-future-major"));
        Files.createDirectories(store.resolve("isdir.json"));
        Files.createDirectories(dir.resolve("a-directory"));
        Path plain = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        Path noInterp = Files.writeString(dir.resolve("bad-interpreter"), "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(noInterp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Outcome(int status, String out, String err) {}

    static synchronized Outcome execute(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            int status = Main.execute(args);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static String p(String relative) {
        return dir.resolve(relative).toString();
    }

    static Arguments c(String what, int exit, String expect, String... args) {
        return Arguments.of(what, exit, expect, null, args);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        String valid = p("valid.json");
        for (String name : results(BadInputCorpusTest.valid == null ? "{}" : BadInputCorpusTest.valid).keySet()) {
            String file = p("results/" + name + ".json");
            all.add(c("compare, result " + name, 2, file, "compare", file, valid));
            all.add(c("report, result " + name, 2, file, "report", file));
            all.add(c("baseline save, result " + name, 2, file, "baseline", "save", "--dir", p("store"), "n", file));
            all.add(c("merge, result " + name, 2, file, "merge", file, valid, "--out", p("merged.json")));
        }
        for (String name : List.of("truncated", "not-utf8", "schema-future-major")) {
            all.add(Arguments.of("compare, stdin " + name, 2, "stdin", results(BadInputCorpusTest.valid).get(name),
                    new String[] {"compare", "-", valid}));
        }
        all.add(c("compare, no such file", 2, "no such file", "compare", p("nope.json"), valid));
        all.add(c("compare, a directory", 2, "is a directory", "compare", p("a-directory"), valid));
        all.add(c("compare, /dev/null", 2, "empty input", "compare", "/dev/null", valid));
        all.add(c("compare, name not UTF-8", 2, "no such file", "compare", p("bad-\uFFFD.json"), valid));
        all.add(c("compare, name with a newline", 2, "no such file", "compare", p("bad\nname.json"), valid));
        all.add(c("compare, baseline missing", 2, "no baseline named 'nope'", "compare", "--baseline-dir", p("store"),
                "baseline:nope", valid));
        all.add(c("compare, baseline truncated", 2, "baseline:truncated", "compare", "--baseline-dir", p("store"),
                "baseline:truncated", valid));
        all.add(c("compare, baseline of a future schema", 2, "unsupported schema", "compare", "--baseline-dir", p("store"),
                "baseline:future", valid));
        all.add(c("compare, baseline is a directory", 2, "baseline:isdir", "compare", "--baseline-dir", p("store"),
                "baseline:isdir", valid));
        all.add(c("compare, baseline name escapes", 2, "path separator", "compare", "--baseline-dir", p("store"),
                "baseline:../valid", valid));
        all.add(c("compare, baseline dir is a file", 2, "baseline:x", "compare", "--baseline-dir", valid, "baseline:x", valid));
        all.add(c("compare, both stdin", 2, "one standard input", "compare", "-", "-"));
        all.add(c("compare, one argument", 2, "Missing required parameter", "compare", valid));
        all.add(c("compare, threshold NaN", 2, "--threshold", "compare", "--threshold", "NaN%", valid, valid));
        all.add(c("compare, threshold huge", 2, "--threshold", "compare", "--threshold", "1e999%", valid, valid));
        all.add(c("compare, threshold negative", 2, "--threshold", "compare", "--threshold", "-1%", valid, valid));
        all.add(c("compare, metric empty", 2, "--metric", "compare", "--metric", "", valid, valid));
        all.add(c("compare, format bogus", 2, "--format", "compare", "--format", "pdf", valid, valid));
        all.add(c("compare, out is a directory", 2, "is a directory", "compare", "--out", p("a-directory"), valid, valid));
        all.add(c("compare, out in no directory", 2, "no such directory", "compare", "--out", p("no/dir/x.txt"), valid, valid));
        all.add(c("report, format bogus", 2, "--format", "report", "--format", "pdf", valid));
        all.add(c("baseline save, bad name", 2, "path separator", "baseline", "save", "--dir", p("store"), "../x", valid));
        all.add(c("baseline save, name with newline", 2, "may hold only", "baseline", "save", "--dir", p("store"), "a\nb", valid));
        all.add(c("baseline save, name too long", 2, "longer than 100", "baseline", "save", "--dir", p("store"), "a".repeat(101), valid));
        all.add(c("baseline save, dir is a file", 2, "cannot save baseline", "baseline", "save", "--dir", valid, "n", valid));
        all.add(c("baseline show, missing", 2, "no baseline named", "baseline", "show", "--dir", p("store"), "nope"));
        all.add(c("baseline show, truncated", 2, "truncated", "baseline", "show", "--dir", p("store"), "truncated"));
        all.add(c("baseline delete, missing", 2, "no baseline named", "baseline", "delete", "--dir", p("store"), "nope"));
        all.add(c("merge, out in no directory", 2, "cannot merge", "merge", valid, "--out", p("no/dir/x.json")));
        all.add(c("unknown command", 2, "Unmatched argument", "xyzzy"));
        for (String name : suites().keySet()) {
            String file = p("suites/" + name);
            all.add(c("bench, suite " + name, 2, file, "bench", file, "--out", p("out.json"), "--counter", "none"));
        }
        all.add(c("bench, no such suite", 2, "no such file", "bench", p("nope.json"), "--out", p("out.json")));
        all.add(c("bench, suite is a directory", 2, "a-directory", "bench", p("a-directory"), "--out", p("out.json")));
        all.add(c("bench, repeat overflows", 2, "--repeat", "bench", p("suites/truncated.json"), "--out", p("o.json"),
                "--repeat", "99999999999"));
        all.add(c("bench, repeat 1", 2, "--repeat", "bench", p("suites/truncated.json"), "--out", p("o.json"), "--repeat", "1"));
        all.add(c("bench, bad filter", 2, "--filter", "bench", p("suites/truncated.json"), "--out", p("o.json"), "--filter", "("));
        all.add(c("bench, bad shard", 2, "shard", "bench", p("suites/truncated.json"), "--out", p("o.json"), "--shard", "3/2"));
        all.add(c("bench, wall negative", 2, "--wall", "bench", p("suites/truncated.json"), "--out", p("o.json"), "--wall", "-1"));
        // run: 127 not found, 126 not executable, 125 bad options (README)
        all.add(c("run, no such program path", 127, "nope", "run", "--counter", "none", "--", p("nope")));
        all.add(c("run, no such program in PATH", 127, "no-such-program-xyz", "run", "--counter", "none", "--", "no-such-program-xyz"));
        all.add(c("run, program is a directory", 126, "a-directory", "run", "--counter", "none", "--", p("a-directory")));
        all.add(c("run, program not executable", 126, "not-executable", "run", "--counter", "none", "--", p("not-executable")));
        all.add(c("run, program is /dev/null", 126, "/dev/null", "run", "--counter", "none", "--", "/dev/null"));
        all.add(c("run, empty program name", 127, "", "run", "--counter", "none", "--", ""));
        all.add(c("run, no command", 125, "", "run", "--counter", "none"));
        all.add(c("run, timeout garbage", 125, "--timeout", "run", "--counter", "none", "--timeout", "NaNs", "--", "/bin/true"));
        all.add(c("run, timeout huge", 125, "--timeout", "run", "--counter", "none", "--timeout", "99999999999999999999h", "--", "/bin/true"));
        all.add(c("run, seed overflows", 125, "--seed", "run", "--counter", "none", "--seed", "99999999999999999999999", "--", "/bin/true"));
        all.add(c("run, cpus negative", 125, "--cpus", "run", "--counter", "none", "--cpus", "-1", "--", "/bin/true"));
        all.add(c("run, memory huge", 125, "--memory", "run", "--counter", "none", "--memory", "99999999999999999999G", "--", "/bin/true"));
        all.add(c("run, epoch garbage", 125, "--epoch", "run", "--counter", "none", "--epoch", "NaN", "--", "/bin/true"));
        all.add(c("run, counter bogus", 125, "--counter", "run", "--counter", "abacus", "--", "/bin/true"));
        all.add(c("run, json in no directory", 125, "--json", "run", "--counter", "none", "--json", p("no/dir/r.json"), "--", "/bin/true"));
        all.add(c("run, json is a directory", 125, "--json", "run", "--counter", "none", "--json", p("a-directory"), "--", "/bin/true"));
        all.add(c("run, unknown option", 125, "--frobnicate", "run", "--frobnicate", "--", "/bin/true"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsWithItsCodeAndOneLineNamingTheProblem(String what, int exit, String expect, byte[] stdin, String[] args) {
        Outcome o = execute(stdin, args);
        String shown = what + ": exit " + o.status() + "\n--- stderr ---\n" + o.err() + "--- stdout ---\n" + o.out();
        assertThat(o.status()).as(shown).isEqualTo(exit);
        assertThat(o.err()).as(shown).doesNotContain("\tat ").doesNotContain("internal error")
                .doesNotContain("Exception in thread");
        List<String> lines = o.err().lines().filter(l -> !l.startsWith("Try '") && !l.isBlank()).toList();
        assertThat(lines).as("one line saying what is wrong\n" + shown).hasSize(1);
        assertThat(lines.get(0)).as(shown).startsWith("vbench: ");
        if (!expect.isEmpty()) {
            assertThat(o.err().replace("\\n", "\n")).as(shown).contains(expect);
        }
    }
}

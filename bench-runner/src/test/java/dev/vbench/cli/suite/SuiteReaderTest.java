package dev.vbench.cli.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private String error(String json) throws IOException {
        Path file = write("suite.json", json);
        try {
            SuiteReader.read(file);
        } catch (SuiteException e) {
            return e.getMessage().replace(file.toString(), "suite.json");
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void defaultsApplyAndABenchmarksOwnValuesWin() throws Exception {
        Files.createDirectories(dir.resolve("bench"));
        Path file = write("suite.json", """
                {"defaults": {"repeat": 3, "timeout": "30s", "threshold": "0.5%", "counter": "none",
                              "env": {"A": "1", "B": "2"}, "cwd": "bench", "setup": "make"},
                 "benchmarks": [
                   {"name": "qsort", "command": ["./qsort", "200000"]},
                   {"name": "fib", "command": ["fib"], "repeat": 5, "timeout": "250ms", "threshold": "2%",
                    "counter": "valgrind", "env": {"A": "9", "C": "3"}, "cwd": ".", "setup": ["true", "x"]}]}
                """);

        Suite suite = SuiteReader.read(file);

        assertThat(suite.sha256()).hasSize(64);
        assertThat(suite.defaultCounter()).isEqualTo("none");
        SuiteBenchmark q = suite.benchmarks().get(0);
        assertThat(q.index()).isZero();
        assertThat(q.command()).containsExactly("./qsort", "200000");
        assertThat(q.repeat()).isEqualTo(3);
        assertThat(q.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(q.thresholdPct()).isEqualTo(0.5);
        assertThat(q.counter()).isEqualTo("none");
        assertThat(q.cwd()).isEqualTo(dir.resolve("bench").toAbsolutePath());
        assertThat(q.env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
        assertThat(q.setup()).containsExactly("/bin/sh", "-c", "make");
        SuiteBenchmark f = suite.benchmarks().get(1);
        assertThat(f.index()).isEqualTo(1);
        assertThat(f.repeat()).isEqualTo(5);
        assertThat(f.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(f.thresholdPct()).isEqualTo(2.0);
        assertThat(f.counter()).isEqualTo("valgrind");
        assertThat(f.cwd()).isEqualTo(dir.toAbsolutePath());
        assertThat(f.envPairs()).containsExactly("B=2", "A=9", "C=3");
        assertThat(f.setup()).containsExactly("true", "x");
    }

    @Test
    void withoutDefaultsARunRepeatsTwiceInTheSuitesDirectory() throws Exception {
        Suite suite = SuiteReader.read(write("s.json", "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"/bin/true\"]}]}"));
        SuiteBenchmark a = suite.benchmarks().get(0);
        assertThat(a.repeat()).isEqualTo(2);
        assertThat(a.cwd()).isEqualTo(dir.toAbsolutePath());
        assertThat(a.timeout()).isNull();
        assertThat(a.thresholdPct()).isNull();
        assertThat(a.counter()).isNull();
        assertThat(a.setup()).isNull();
        assertThat(suite.defaultCounter()).isNull();
    }

    @Test
    void yamlHasTheSameKeysAndChecks() throws Exception {
        Suite suite = SuiteReader.read(write("suite.yaml", """
                defaults:
                  threshold: 0.5%
                benchmarks:
                  - name: qsort
                    command: [./qsort, "200000"]
                    env: {N: "1"}
                """));
        assertThat(suite.benchmarks().get(0).command()).containsExactly("./qsort", "200000");
        assertThat(suite.benchmarks().get(0).thresholdPct()).isEqualTo(0.5);

        Path bad = write("bad.yml", """
                benchmarks:
                  - name: qsort
                    command: [./qsort]
                    repaet: 3
                """);
        assertThatThrownBy(() -> SuiteReader.read(bad)).isInstanceOf(SuiteException.class)
                .hasMessage(bad + ": benchmark \"qsort\": unknown key \"repaet\" (did you mean \"repeat\"?)");
        Path number = write("n.yaml", "benchmarks:\n  - name: q\n    command: [./qsort, 200000]\n");
        assertThatThrownBy(() -> SuiteReader.read(number))
                .hasMessage(number + ": benchmark \"q\": \"command\"[1] must be a string, not the number 200000 (quote it)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown key in a benchmark | {"benchmarks": [{"name": "qsort", "command": ["q"], "repaet": 3}]} | suite.json: benchmark "qsort": unknown key "repaet" (did you mean "repeat"?)
            unknown key in defaults | {"defaults": {"threshhold": "1%"}, "benchmarks": [{"name": "a", "command": ["q"]}]} | suite.json: defaults: unknown key "threshhold" (did you mean "threshold"?)
            unknown top-level key | {"benchmark": []} | suite.json: unknown key "benchmark" (did you mean "benchmarks"?)
            name is not a default | {"defaults": {"name": "x"}, "benchmarks": [{"name": "a", "command": ["q"]}]} | suite.json: defaults: unknown key "name" (allowed: cwd, env, setup, repeat, timeout, threshold, counter)
            no benchmarks key | {"defaults": {}} | suite.json: missing key "benchmarks"
            empty benchmarks | {"benchmarks": []} | suite.json: "benchmarks" is empty; a suite needs at least one benchmark
            benchmarks not an array | {"benchmarks": {"a": 1}} | suite.json: "benchmarks" must be an array, not an object
            top level not an object | [1] | suite.json: expected an object with "benchmarks", not an array
            benchmark not an object | {"benchmarks": ["qsort"]} | suite.json: benchmarks[0]: must be an object, not the string "qsort"
            missing name | {"benchmarks": [{"command": ["q"]}]} | suite.json: benchmarks[0]: missing key "name"
            empty name | {"benchmarks": [{"name": " ", "command": ["q"]}]} | suite.json: benchmarks[0]: "name" must not be empty
            name with control character | {"benchmarks": [{"name": "a\\tb", "command": ["q"]}]} | suite.json: benchmarks[0]: "name" "a\tb" must not start or end with spaces or contain control characters
            numeric name | {"benchmarks": [{"name": 7, "command": ["q"]}]} | suite.json: benchmarks[0]: "name" must be a string, not the number 7
            duplicate names | {"benchmarks": [{"name": "a", "command": ["q"]}, {"name": "a", "command": ["r"]}]} | suite.json: benchmark "a": duplicate name (benchmarks[0] and benchmarks[1] are both called "a")
            missing command | {"benchmarks": [{"name": "a"}]} | suite.json: benchmark "a": missing key "command"
            empty command | {"benchmarks": [{"name": "a", "command": []}]} | suite.json: benchmark "a": "command" must not be empty
            empty program | {"benchmarks": [{"name": "a", "command": [""]}]} | suite.json: benchmark "a": "command" starts with an empty program name
            command as a string | {"benchmarks": [{"name": "a", "command": "./q 1"}]} | suite.json: benchmark "a": "command" must be an array of strings such as ["./prog", "arg"], not a string (no shell splits it)
            command element not a string | {"benchmarks": [{"name": "a", "command": ["q", null]}]} | suite.json: benchmark "a": "command"[1] must be a string, not null
            repeat as a string | {"benchmarks": [{"name": "a", "command": ["q"], "repeat": "3"}]} | suite.json: benchmark "a": "repeat" must be an integer, not the string "3"
            repeat of one | {"benchmarks": [{"name": "a", "command": ["q"], "repeat": 1}]} | suite.json: benchmark "a": "repeat" must be between 2 and 1000, not 1 (determinism is proven by comparing at least two runs)
            fractional repeat | {"defaults": {"repeat": 2.5}, "benchmarks": [{"name": "a", "command": ["q"]}]} | suite.json: defaults: "repeat" must be an integer, not the number 2.5
            bad timeout | {"benchmarks": [{"name": "a", "command": ["q"], "timeout": "soon"}]} | suite.json: benchmark "a": "timeout" takes a duration such as 30s, 5m or 250ms, not 'soon'
            numeric timeout | {"benchmarks": [{"name": "a", "command": ["q"], "timeout": 30}]} | suite.json: benchmark "a": "timeout" must be a duration such as "30s", not the number 30
            zero timeout | {"benchmarks": [{"name": "a", "command": ["q"], "timeout": "0s"}]} | suite.json: benchmark "a": "timeout" must be positive, not '0s'
            threshold without percent | {"benchmarks": [{"name": "a", "command": ["q"], "threshold": "0.5"}]} | suite.json: benchmark "a": "threshold" takes a percentage such as "0.5%", not "0.5"
            numeric threshold | {"benchmarks": [{"name": "a", "command": ["q"], "threshold": 0.5}]} | suite.json: benchmark "a": "threshold" must be a percentage such as "0.5%", not the number 0.5
            negative threshold | {"benchmarks": [{"name": "a", "command": ["q"], "threshold": "-1%"}]} | suite.json: benchmark "a": "threshold" takes a percentage such as "0.5%", not "-1%"
            huge threshold | {"benchmarks": [{"name": "a", "command": ["q"], "threshold": "150%"}]} | suite.json: benchmark "a": "threshold" must be at most 100%, not "150%"
            unknown counter | {"benchmarks": [{"name": "a", "command": ["q"], "counter": "papi"}]} | suite.json: benchmark "a": "counter" must be auto, valgrind, perf or none, not "papi"
            env not an object | {"benchmarks": [{"name": "a", "command": ["q"], "env": ["A=1"]}]} | suite.json: benchmark "a": "env" must be an object of NAME: "value" pairs, not an array
            env value a number | {"benchmarks": [{"name": "a", "command": ["q"], "env": {"N": 1}}]} | suite.json: benchmark "a": "env" variable "N" must be a string, not the number 1 (quote it)
            env bad name | {"benchmarks": [{"name": "a", "command": ["q"], "env": {"A=B": "1"}}]} | suite.json: benchmark "a": "env" has an invalid variable name "A=B" (letters, digits and _, not starting with a digit)
            cwd missing | {"benchmarks": [{"name": "a", "command": ["q"], "cwd": "nowhere"}]} | suite.json: benchmark "a": "cwd" "nowhere" is not a directory (DIR/nowhere, relative to the suite file)
            setup empty | {"benchmarks": [{"name": "a", "command": ["q"], "setup": " "}]} | suite.json: benchmark "a": "setup" must not be empty
            setup a number | {"benchmarks": [{"name": "a", "command": ["q"], "setup": 1}]} | suite.json: benchmark "a": "setup" must be a string (a shell command) or an array of strings, not the number 1
            key given twice | {"benchmarks": [{"name": "a", "command": ["q"], "repeat": 2, "repeat": 3}]} | suite.json: malformed JSON at line 1, column 70: key "repeat" given twice
            trailing garbage | {"benchmarks": [{"name": "a", "command": ["q"]}]} x | suite.json: malformed JSON at line 1, column 51: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            empty file | `` | suite.json: empty; expected an object with "benchmarks"
            """)
    void badInputIsRefusedNamingFileBenchmarkAndKey(String what, String json, String expected) throws IOException {
        assertThat(error(json)).isEqualTo(expected.replace("DIR", dir.toString()));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> SuiteReader.read(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void suggestionsAreForTyposOnly() {
        List<String> keys = List.of("name", "command", "repeat", "timeout");
        assertThat(SuiteReader.closest("comand", keys)).isEqualTo("command");
        assertThat(SuiteReader.closest("Repeat", keys)).isEqualTo("repeat");
        assertThat(SuiteReader.closest("tiemout", keys)).isEqualTo("timeout");
        assertThat(SuiteReader.closest("description", keys)).isNull();
    }

    @Test
    void theHashIsOfTheBytesSoShardsOfOneFileAgree() throws Exception {
        String json = "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"q\"]}]}";
        Suite a = SuiteReader.read(write("a.json", json));
        Suite b = SuiteReader.read(write("b.json", json));
        Suite c = SuiteReader.read(write("c.json", json + "\n"));
        assertThat(a.sha256()).isEqualTo(b.sha256()).isNotEqualTo(c.sha256());
    }
}

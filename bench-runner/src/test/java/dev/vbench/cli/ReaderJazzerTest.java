package dev.vbench.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vbench.baselines.BaselineStore;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.model.io.ModelFileException;
import dev.vbench.model.io.ModelFileReader;
import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.io.ResultIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the readers with Jazzer (libFuzzer for the JVM). In a plain test run
 * each method replays its inputs in src/test/resources/dev/vbench/cli/ReaderJazzerTestInputs/
 * (regressions: every crash Jazzer found stays there); with {@code JAZZER_FUZZ=1} one method at a
 * time fuzzes for its maxDuration, e.g.
 * {@code JAZZER_FUZZ=1 mvn -o -pl bench-runner -am test -Dtest='ReaderJazzerTest#results'}.
 * Only each reader's documented exception may escape. ReaderFuzzTest is the bounded fuzzer CI runs.
 */
class ReaderJazzerTest {
    private static Path scratch(String name) throws IOException {
        Path dir = Path.of("target", "jazzer-scratch");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }

    @FuzzTest(maxDuration = "30s")
    void results(byte[] data) throws IOException {
        try {
            ResultIO.read(new ByteArrayInputStream(data), "fuzz");
        } catch (ResultFormatException documented) {
            // refused by name
        }
    }

    @FuzzTest(maxDuration = "30s")
    void baselines(byte[] data) throws IOException {
        Path store = scratch("store");
        Files.createDirectories(store);
        Files.write(store.resolve("b.json"), data);
        try {
            new BaselineStore(store).load("b");
        } catch (ResultFormatException documented) {
            // refused by name
        }
    }

    @FuzzTest(maxDuration = "30s")
    void suites(byte[] data) throws IOException {
        for (String name : new String[] {"s.json", "s.yaml"}) {
            Path file = scratch(name);
            Files.write(file, data);
            try {
                SuiteReader.read(file);
            } catch (SuiteException documented) {
                // refused by name
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void models(byte[] data) throws IOException {
        Path file = scratch("m.json");
        Files.write(file, data);
        try {
            ModelFileReader.read(file, "valgrind");
        } catch (ModelFileException documented) {
            // refused by name
        }
    }
}

package dev.vbench.cli.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A suite file as read: its benchmarks in file order, each with the suite's defaults applied.
 *
 * @param file       the file as the user named it
 * @param sha256     SHA-256 of its bytes: identifies the suite across shards and machines
 * @param defaultCounter the counter of the suite's {@code defaults}, or null when they name none
 * @param benchmarks every benchmark, in the order of the file ({@link SuiteBenchmark#index()} is the position)
 */
public record Suite(Path file, String sha256, String defaultCounter, List<SuiteBenchmark> benchmarks) {
    public Suite {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        benchmarks = List.copyOf(benchmarks);
    }
}

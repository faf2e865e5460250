package dev.vbench.baselines.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The calibrated models vbench ships, one per counter backend ({@code models/COUNTER.json} beside
 * this class), each fitted on one kind of machine: what prices {@code calibrated_time_ns} when no
 * {@code --model} is given. They are model files ({@code vbench.model/1}, perf-model reads them);
 * this class only finds them, so that the baselines module stays free of the model's code.
 */
public final class DefaultModels {
    private static final String DIR = "/dev/vbench/baselines/models/";

    private DefaultModels() {}

    /** Where the model for {@code counter} is shipped, for messages. */
    public static String name(String counter) {
        return "builtin:" + counter + ".json";
    }

    /** The shipped model file for {@code counter} ("valgrind", "perf", "none"), if there is one. */
    public static Optional<byte[]> forCounter(String counter) {
        if (!counter.matches("[a-z0-9_-]+")) {
            return Optional.empty();
        }
        try (InputStream in = DefaultModels.class.getResourceAsStream(DIR + counter + ".json")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped model " + name(counter) + " is unreadable", e);
        }
    }
}

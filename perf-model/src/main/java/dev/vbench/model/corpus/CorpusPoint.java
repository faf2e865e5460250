package dev.vbench.model.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One calibration point: a workload kind at one size, and the command that runs it natively (the
 * same argv runs under vbench).
 *
 * @param directory where the command runs (null: the caller's working directory)
 * @param env       variables added to the command's environment (a user suite's {@code env})
 */
public record CorpusPoint(String kind, long size, List<String> argv, Path directory, Map<String, String> env) {
    public CorpusPoint {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        if (kind.isBlank() || argv.isEmpty()) {
            throw new IllegalArgumentException("a corpus point needs a kind and a command");
        }
    }

    /** A point run in the caller's directory with its environment. */
    public CorpusPoint(String kind, long size, List<String> argv) {
        this(kind, size, argv, null, Map.of());
    }

    /** "kind/size", unique within a corpus. */
    public String id() {
        return kind + "/" + size;
    }
}

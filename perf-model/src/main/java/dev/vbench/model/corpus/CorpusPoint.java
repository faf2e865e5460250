package dev.vbench.model.corpus;

import java.util.List;

/**
 * One calibration point: a workload kind at one size, and the command that runs it natively (the
 * same argv runs under vbench).
 */
public record CorpusPoint(String kind, long size, List<String> argv) {
    public CorpusPoint {
        argv = List.copyOf(argv);
        if (kind.isBlank() || argv.isEmpty()) {
            throw new IllegalArgumentException("a corpus point needs a kind and a command");
        }
    }

    /** "kind/size", unique within a corpus. */
    public String id() {
        return kind + "/" + size;
    }
}

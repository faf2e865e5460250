package dev.vbench.cli;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a command turns a RESULT argument into a result. An argument is a result file's
 * path, {@code -} for standard input, or {@code SCHEME:NAME} for a registered scheme:
 * {@code baseline:NAME} reads a stored baseline ({@link BaselineStore}). A new source (e.g.
 * {@code history:BRANCH}) is one more {@link #register} call in {@link #standard}; every command
 * that takes results gets it. Unregistered prefixes are file names (a file named
 * {@code baseline:x} is reachable as {@code ./baseline:x}).
 *
 * <p>Every failure is a {@link UserError} (exit 2) whose message starts with the role of the
 * argument and the argument itself, e.g. {@code BASE old.json: no such file}.
 */
final class ResultSources {
    /** A result and the name the user gave for it, shown in outputs. */
    record Loaded(String label, Result result) {}

    /** Loads the result called {@code name} in a scheme; any exception's message is shown to the user. */
    @FunctionalInterface
    interface Resolver {
        Result load(String name) throws Exception;
    }

    private final Map<String, Resolver> schemes = new LinkedHashMap<>();

    /** The sources every command accepts; {@code baselineDir} is where {@code baseline:} looks. */
    static ResultSources standard(Path baselineDir) {
        ResultSources sources = new ResultSources();
        BaselineStore store = new BaselineStore(baselineDir);
        sources.register("baseline", store::load);
        // The newest result recorded on a branch of the history ($VBENCH_HISTORY_DB, else .vbench/history.db).
        sources.register("history", branch -> dev.vbench.baselines.history.HistoryResolver.latest(branch, null));
        return sources;
    }

    void register(String scheme, Resolver resolver) {
        schemes.put(scheme, resolver);
    }

    /**
     * @param role how the command names this argument in messages ("BASE", "NEW", "RESULT")
     * @throws UserError exit 2, naming the argument and what is wrong with it
     */
    Loaded load(String role, String spec) {
        int colon = spec.indexOf(':');
        if (colon > 0 && schemes.containsKey(spec.substring(0, colon))) {
            String name = spec.substring(colon + 1);
            try {
                return new Loaded(spec, schemes.get(spec.substring(0, colon)).load(name));
            } catch (Exception e) {
                throw new UserError(role + " " + spec + ": " + e.getMessage());
            }
        }
        if (spec.equals("-")) {
            try {
                return new Loaded("stdin", ResultIO.read(System.in, "stdin"));
            } catch (IOException e) {
                throw new UserError(role + " " + e.getMessage());
            }
        }
        return new Loaded(spec, readFile(role, spec));
    }

    private static Result readFile(String role, String spec) {
        Path file = Path.of(spec);
        String where = role + " " + spec + ": ";
        if (Files.isDirectory(file)) {
            throw new UserError(where + "is a directory, not a result file");
        }
        try {
            return ResultIO.read(file);
        } catch (NoSuchFileException e) {
            throw new UserError(where + "no such file");
        } catch (AccessDeniedException e) {
            throw new UserError(where + "cannot read it: permission denied");
        } catch (ResultFormatException e) {
            // Its message already starts with the file name.
            throw new UserError(role + " " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(where + "cannot read it: " + e.getMessage());
        }
    }
}

package dev.vbench.baselines.history;

import dev.vbench.reports.model.Result;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves {@code history:BRANCH} to the newest result recorded on that branch, so that
 * {@code vbench compare --base history:main NEW} compares against the last recorded main. For the
 * command line's result sources: call {@link #resolve(String, String)} with the argument as typed
 * and the command's {@code --db} value (or null).
 */
public final class HistoryResolver {
    /** The prefix of a result source that names a branch of the history. */
    public static final String PREFIX = "history:";

    private HistoryResolver() {}

    /** Whether {@code source} is a {@code history:BRANCH} reference. */
    public static boolean handles(String source) {
        return source != null && source.startsWith(PREFIX);
    }

    /**
     * The newest result recorded on the branch {@code source} names.
     *
     * @param source {@code history:BRANCH}
     * @param db     a {@code --db} value, or null for {@code $VBENCH_HISTORY_DB} or {@code .vbench/history.db}
     * @throws HistoryException (exit 2) if the source is malformed, the database cannot be opened or
     *                          nothing is recorded on the branch; the message says which
     */
    public static Result resolve(String source, String db) {
        if (!handles(source)) {
            throw new IllegalArgumentException("not a history source: " + source);
        }
        String branch = source.substring(PREFIX.length());
        if (branch.isEmpty()) {
            throw new HistoryException(source + ": name a branch, e.g. history:main");
        }
        return latest(DatabaseUrl.resolve(db, System.getenv(), Path.of("").toAbsolutePath()), branch);
    }

    /** The newest result recorded on {@code branch} in the database at {@code url}. */
    public static Result latest(DatabaseUrl url, String branch) {
        try (HistoryStore store = HistoryStore.open(url, false)) {
            return store.latest(branch).map(HistoryStore.StoredResult::result).orElseThrow(() -> new HistoryException(
                    "history:" + branch + ": no result is recorded on branch '" + branch + "' in " + url.masked()));
        }
    }

    /** As {@link #latest(DatabaseUrl, String)}, with the database chosen as {@link DatabaseUrl#resolve} does. */
    public static Result latest(String branch, String db, Map<String, String> environment, Path workingDirectory) {
        return latest(DatabaseUrl.resolve(db, environment, workingDirectory), branch);
    }
}

package dev.vbench.baselines.history;

import dev.vbench.reports.model.Result;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves {@code history:BRANCH} to the newest result recorded on that branch (by time recorded,
 * then order of recording), so that {@code vbench compare --base history:main NEW} compares against
 * the last recorded main. For the command line's result sources, one line:
 * <pre>
 *   sources.register("history", branch -&gt; HistoryResolver.latest(branch, db)); // db: --db or null
 * </pre>
 * Every failure is a {@link HistoryException} (exit 2) whose message says what is wrong without
 * repeating the argument, which the caller puts in front.
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
     * The newest result recorded on {@code branch}.
     *
     * @param db a {@code --db} value, or null for {@code $VBENCH_HISTORY_DB}, else
     *           {@code .vbench/history.db} under the working directory
     * @throws HistoryException if the branch is empty, the database cannot be opened (named, password
     *                          masked) or nothing is recorded on the branch
     */
    public static Result latest(String branch, String db) {
        return latest(branch, db, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** As {@link #latest(String, String)}, with the environment and working directory given. */
    public static Result latest(String branch, String db, Map<String, String> environment, Path workingDirectory) {
        if (branch == null || branch.isEmpty()) {
            throw new HistoryException("name a branch, e.g. history:main");
        }
        return latest(DatabaseUrl.resolve(db, environment, workingDirectory), branch);
    }

    /** The newest result recorded on {@code branch} in the database at {@code url}. */
    public static Result latest(DatabaseUrl url, String branch) {
        try (HistoryStore store = HistoryStore.open(url, false)) {
            return store.latest(branch).map(HistoryStore.StoredResult::result).orElseThrow(() -> new HistoryException(
                    "no result is recorded on branch '" + branch + "' in " + url.masked()));
        }
    }

    /**
     * The whole reference at once: {@code source} is {@code history:BRANCH}; messages start with it.
     *
     * @throws IllegalArgumentException if {@code source} is not a history reference (see {@link #handles})
     */
    public static Result resolve(String source, String db) {
        if (!handles(source)) {
            throw new IllegalArgumentException("not a history source: " + source);
        }
        try {
            return latest(source.substring(PREFIX.length()), db);
        } catch (HistoryException e) {
            throw new HistoryException(source + ": " + e.getMessage(), e);
        }
    }
}

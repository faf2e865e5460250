package dev.vbench.baselines.history;

/**
 * A problem the user can fix: a database that cannot be opened (the message names its URL, with any
 * password masked), a benchmark or metric the history does not have, a result without a commit.
 * The command line prints the message as one line and exits 2. Anything else that goes wrong in
 * the database (a broken SQL statement, a constraint this code should have kept) is a bug and
 * surfaces as {@link IllegalStateException}.
 */
public final class HistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}

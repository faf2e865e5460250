package dev.vbench.baselines.history;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a result was measured: the commit, the branch, and the time it is recorded at (the
 * order of a series). Commit and branch are names a user typed; they may not be blank or contain
 * white space or control characters, and are at most 255 characters long.
 */
public record Provenance(String commit, String branch, Instant recordedAt) {
    public Provenance {
        commit = checkName("commit", commit);
        branch = checkName("branch", branch);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    static String checkName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new HistoryException("the " + what + " may not be empty");
        }
        if (value.length() > 255) {
            throw new HistoryException("the " + what + " is longer than 255 characters: " + value.substring(0, 40) + "...");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new HistoryException("the " + what + " '" + value.strip() + "' contains white space or a control character");
            }
        }
        return value;
    }
}

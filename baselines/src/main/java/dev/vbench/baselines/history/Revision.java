package dev.vbench.baselines.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The optional {@code "revision"} object of a result file, which says where a result was measured
 * so that {@code vbench history import} can back-fill a history from saved files:
 * <pre>
 *   "revision": {"commit": "9fceb02...", "branch": "main", "time": "2024-03-01T12:00:00Z"}
 * </pre>
 * Every field is optional; {@code time} (ISO-8601, with a zone or offset) becomes the time the
 * result is recorded at, which orders the series, so back-filled results land where they belong.
 * Readers of results ignore the field ("add fields freely"), so files carrying it stay valid
 * {@code vbench.result/1}.
 */
public record Revision(String commit, String branch, Instant time) {
    public static final String FIELD = "revision";
    public static final Revision NONE = new Revision(null, null, null);

    /**
     * The revision of the result file {@code file}, or {@link #NONE} if it has none.
     *
     * @throws HistoryException if the field is there but malformed
     */
    public static Revision read(Path file) throws IOException {
        JsonNode root = HistoryStore.JSON.readTree(Files.readAllBytes(file));
        JsonNode r = root == null ? null : root.get(FIELD);
        if (r == null || r.isNull()) {
            return NONE;
        }
        if (!r.isObject()) {
            throw new HistoryException(file + ": \"" + FIELD + "\" must be an object with commit, branch and time");
        }
        return new Revision(text(file, r, "commit"), text(file, r, "branch"), time(file, text(file, r, "time")));
    }

    private static String text(Path file, JsonNode r, String name) {
        JsonNode v = r.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new HistoryException(file + ": \"" + FIELD + "." + name + "\" must be a string, not " + v);
        }
        return v.textValue();
    }

    private static Instant time(Path file, String text) {
        if (text == null) {
            return null;
        }
        try {
            return parseInstant(text);
        } catch (DateTimeParseException e) {
            throw new HistoryException(file + ": \"" + FIELD + ".time\" must be an ISO-8601 time such as "
                    + "2024-03-01T12:00:00Z, not '" + text + "'");
        }
    }

    /** An ISO-8601 instant ({@code ...Z}) or date-time with an offset. */
    static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}

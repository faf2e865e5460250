package dev.vbench.baselines.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Where {@code --since} starts: a commit (a prefix of its name, at least 4 characters) or a date
 * ({@code 2024-03-01}, midnight UTC) or time ({@code 2024-03-01T12:00:00Z}). Change points at
 * results recorded after the commit's last record, or at or after the time, are reported.
 */
public sealed interface Since {
    record Commit(String prefix) implements Since {}

    record Time(Instant instant) implements Since {}

    Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    static Since parse(String text) {
        String t = text.strip();
        if (DATE.matcher(t).matches()) {
            try {
                return new Time(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                throw new HistoryException("--since " + t + ": not a date");
            }
        }
        if (t.length() >= 11 && DATE.matcher(t.substring(0, 10)).matches() && t.charAt(10) == 'T') {
            try {
                return new Time(Revision.parseInstant(t));
            } catch (DateTimeParseException e) {
                throw new HistoryException("--since " + t + ": a time needs a zone, e.g. 2024-03-01T12:00:00Z");
            }
        }
        if (t.length() < 4) {
            throw new HistoryException("--since takes a commit (at least 4 characters of its name) or a date "
                    + "(2024-03-01), not '" + t + "'");
        }
        return new Commit(Provenance.checkName("commit", t));
    }
}

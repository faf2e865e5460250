package dev.vbench.baselines.history;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the history lives: an embedded SQLite file (the default, {@code .vbench/history.db} under the
 * working directory) or a PostgreSQL server shared by a team. Parsed from what a user typed after
 * {@code --db}: {@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P},
 * or a plain file path (SQLite). {@link #masked()} is the form every message uses: the password
 * never reaches a terminal or a CI log.
 */
public final class DatabaseUrl {
    /** The SQL dialects the history supports; each has its own folder of migrations. */
    public enum Dialect {
        SQLITE("sqlite"),
        POSTGRESQL("postgresql");

        private final String folder;

        Dialect(String folder) {
            this.folder = folder;
        }

        /** The classpath folder of this dialect's Flyway migrations. */
        public String migrations() {
            return "classpath:dev/vbench/baselines/history/migration/" + folder;
        }
    }

    /** The default database, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of(".vbench", "history.db");
    /** An environment variable that replaces the default when no {@code --db} is given (handy in CI). */
    public static final String ENVIRONMENT_VARIABLE = "VBENCH_HISTORY_DB";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final Dialect dialect;
    private final String jdbcUrl;
    private final Path file;

    private DatabaseUrl(Dialect dialect, String jdbcUrl, Path file) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.file = file;
    }

    /**
     * The database a command should use: {@code option} if given, else {@link #ENVIRONMENT_VARIABLE}
     * from {@code environment}, else {@link #DEFAULT_FILE} under {@code workingDirectory}.
     */
    public static DatabaseUrl resolve(String option, Map<String, String> environment, Path workingDirectory) {
        if (option != null) {
            return parse(option, workingDirectory);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return parse(fromEnvironment, workingDirectory);
        }
        return sqlite(workingDirectory.resolve(DEFAULT_FILE));
    }

    /** Parses a {@code --db} value; relative SQLite paths are taken from {@code workingDirectory}. */
    public static DatabaseUrl parse(String text, Path workingDirectory) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new HistoryException("--db needs a value: jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB?user=..., or a file path");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Dialect.POSTGRESQL, t, null);
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            String rest = t.substring("jdbc:sqlite:".length());
            int query = rest.indexOf('?');
            String path = query < 0 ? rest : rest.substring(0, query);
            if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file::memory:")) {
                throw new HistoryException("--db " + t + ": an in-memory SQLite database forgets the history when vbench exits; name a file");
            }
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            }
            return sqlite(workingDirectory.resolve(path).normalize());
        }
        if (lower.startsWith("jdbc:")) {
            throw new HistoryException("--db " + mask(t) + ": unsupported database; use jdbc:sqlite:FILE or "
                    + "jdbc:postgresql://HOST:PORT/DB?user=...");
        }
        return sqlite(workingDirectory.resolve(t).normalize());
    }

    /** A SQLite database in {@code file}. */
    public static DatabaseUrl sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + absolute, absolute);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL handed to the JDBC driver (may contain a password: never print it). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The SQLite file, or null for a server database. */
    public Path file() {
        return file;
    }

    /** The URL as messages show it: any password replaced by {@code ***}. */
    public String masked() {
        return mask(jdbcUrl);
    }

    /** Replaces {@code password=...} parameters and {@code //user:password@} user info by {@code ***}. */
    public static String mask(String url) {
        String m = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(m).replaceAll("$1***@");
    }

    /**
     * {@code text} (a driver's error message, say) with this URL's password, if it has one, replaced
     * by {@code ***} wherever it appears.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text.replace(jdbcUrl, masked());
        var m = Pattern.compile("(?i)password=([^&;]*)").matcher(jdbcUrl);
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                result = result.replace(m.group(1), "***");
            }
        }
        var u = Pattern.compile("//[^/@:]*:([^/@]*)@").matcher(jdbcUrl);
        if (u.find() && !u.group(1).isEmpty()) {
            result = result.replace(u.group(1), "***");
        }
        return result;
    }

    @Override
    public String toString() {
        return masked();
    }
}

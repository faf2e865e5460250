package dev.vbench.baselines.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The result history: records results with their provenance and reads series back.
 *
 * <p>Tables (schema version 2; see the migrations for V1 and how V2 evolved from it):
 * <ul>
 *   <li>{@code vbench_results}: one row per recorded result: {@code commit_sha}, {@code branch},
 *       {@code recorded_at} (ms since the epoch), {@code digest} (SHA-256 of the stored JSON),
 *       {@code environment} (JSON), the platform fingerprint in {@code fp_*} columns, and
 *       {@code result_json}, the whole result;
 *   <li>{@code vbench_runs}: one row per (result, benchmark): virtual time, calibrated time, wall-time
 *       median, min and max, and whether the run was deterministic;
 *   <li>{@code vbench_counts}: one row per (result, benchmark, count name) with its value.
 * </ul>
 *
 * <p>Recording is idempotent per (commit, branch, digest): recording the same result bytes again at
 * the same commit on the same branch changes nothing and reports the existing id. The same result
 * at another commit or branch is another row; so is a re-run at the same commit whose bytes differ
 * (its wall time, say), and both stay in the series.
 *
 * <p>An instance holds one connection and is not thread-safe: give each thread its own.
 */
public final class HistoryStore implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final HistoryDatabase db;
    private final Connection connection;

    HistoryStore(HistoryDatabase db) {
        this.db = db;
        try {
            this.connection = db.connect();
        } catch (SQLException e) {
            throw db.cannotOpen(e);
        }
    }

    /**
     * Opens the history at {@code url}, creating and migrating it as needed.
     *
     * @param create whether a SQLite file that does not exist may be created (for recording)
     * @throws HistoryException if it cannot be opened; the message names the URL, password masked
     */
    public static HistoryStore open(DatabaseUrl url, boolean create) {
        return new HistoryStore(HistoryDatabase.open(url, create));
    }

    public DatabaseUrl url() {
        return db.url();
    }

    /** What {@link #record} did. */
    public record Recorded(long id, boolean inserted, int benchmarks) {}

    /** A result as recorded, with where it came from. */
    public record StoredResult(long id, Provenance provenance, Result result) {}

    /**
     * Records {@code result} at {@code provenance}, atomically: the result row, one run row per
     * benchmark and one count row per measured count, or nothing.
     *
     * @throws HistoryException if two benchmarks of the result share a name
     */
    public Recorded record(Result result, Provenance provenance) {
        Set<String> names = new HashSet<>();
        for (Benchmark b : result.benchmarks()) {
            if (!names.add(b.name())) {
                throw new HistoryException("the result has two benchmarks named '" + b.name()
                        + "'; a series needs one value per benchmark and result");
            }
        }
        String json = ResultIO.toJson(result);
        String digest = sha256(json);
        String environment;
        try {
            environment = JSON.writeValueAsString(result.environment());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain environment data failed to serialize", e);
        }
        Fingerprint fp = result.environment().fingerprint();
        try {
            begin();
            try {
                Long id = insertResult(provenance, digest, environment, fp, json);
                if (id == null) {
                    long existing = existingId(provenance, digest);
                    commit();
                    return new Recorded(existing, false, result.benchmarks().size());
                }
                insertRuns(id, result.benchmarks());
                commit();
                return new Recorded(id, true, result.benchmarks().size());
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("recording a result", e);
        }
    }

    private Long insertResult(Provenance p, String digest, String environment, Fingerprint fp, String json)
            throws SQLException {
        String sql = "INSERT INTO vbench_results (commit_sha, branch, recorded_at, digest, environment, result_json, "
                + "fp_counter, fp_counter_version, fp_cpu, fp_libc, fp_kernel, fp_model) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (commit_sha, branch, digest) DO NOTHING RETURNING id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, p.commit());
            ps.setString(2, p.branch());
            ps.setLong(3, p.recordedAt().toEpochMilli());
            ps.setString(4, digest);
            ps.setString(5, environment);
            ps.setString(6, json);
            ps.setString(7, fp == null ? null : fp.counter());
            ps.setString(8, fp == null ? null : fp.counterVersion());
            ps.setString(9, fp == null ? null : fp.cpu());
            ps.setString(10, fp == null ? null : fp.libc());
            ps.setString(11, fp == null ? null : fp.kernel());
            ps.setString(12, fp == null ? null : fp.model());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private long existingId(Provenance p, String digest) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM vbench_results WHERE commit_sha = ? AND branch = ? AND digest = ?")) {
            ps.setString(1, p.commit());
            ps.setString(2, p.branch());
            ps.setString(3, digest);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("a conflicting result row vanished during its transaction");
                }
                return rs.getLong(1);
            }
        }
    }

    private void insertRuns(long id, List<Benchmark> benchmarks) throws SQLException {
        try (PreparedStatement runs = connection.prepareStatement(
                "INSERT INTO vbench_runs (result_id, benchmark, virtual_time_ns, calibrated_time_ns, "
                        + "wall_time_median_ns, wall_time_min_ns, wall_time_max_ns, deterministic) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement counts = connection.prepareStatement(
                     "INSERT INTO vbench_counts (result_id, benchmark, name, value) VALUES (?, ?, ?, ?)")) {
            boolean anyCount = false;
            for (Benchmark b : benchmarks) {
                WallTime wall = b.wallTimeNs();
                runs.setLong(1, id);
                runs.setString(2, b.name());
                runs.setLong(3, b.virtualTimeNs());
                setLong(runs, 4, b.calibratedTimeNs());
                setLong(runs, 5, wall == null ? null : wall.median());
                setLong(runs, 6, wall == null ? null : wall.min());
                setLong(runs, 7, wall == null ? null : wall.max());
                runs.setBoolean(8, b.deterministic());
                runs.addBatch();
                for (Map.Entry<String, Long> count : b.counters().asMap().entrySet()) {
                    counts.setLong(1, id);
                    counts.setString(2, b.name());
                    counts.setString(3, count.getKey());
                    counts.setLong(4, count.getValue());
                    counts.addBatch();
                    anyCount = true;
                }
            }
            if (!benchmarks.isEmpty()) {
                runs.executeBatch();
            }
            if (anyCount) {
                counts.executeBatch();
            }
        }
    }

    /** The newest result recorded on {@code branch} (by time recorded, then order of recording). */
    public Optional<StoredResult> latest(String branch) {
        String sql = "SELECT id, commit_sha, branch, recorded_at, result_json FROM vbench_results WHERE branch = ? "
                + "ORDER BY recorded_at DESC, id DESC LIMIT 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                Provenance p = new Provenance(rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
                return Optional.of(new StoredResult(id, p, parse(rs.getString(5), id)));
            }
        } catch (SQLException e) {
            throw failure("reading the latest result on " + branch, e);
        }
    }

    /** The recorded result with this id. */
    public Optional<StoredResult> result(long id) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT commit_sha, branch, recorded_at, result_json FROM vbench_results WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Provenance p = new Provenance(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
                return Optional.of(new StoredResult(id, p, parse(rs.getString(4), id)));
            }
        } catch (SQLException e) {
            throw failure("reading result " + id, e);
        }
    }

    private Result parse(String json, long id) {
        try {
            return ResultIO.read(new StringReader(json), db.url().masked() + " result " + id);
        } catch (IOException e) {
            throw new IllegalStateException("a stored result no longer reads: " + e.getMessage(), e);
        }
    }

    /** How many results are recorded. */
    public long resultCount() {
        return queryLong("SELECT count(*) FROM vbench_results");
    }

    /** Every benchmark name in the history, sorted. */
    public List<String> benchmarks() {
        return queryStrings("SELECT DISTINCT benchmark FROM vbench_runs", List.of());
    }

    /** Every branch in the history, sorted. */
    public List<String> branches() {
        return queryStrings("SELECT DISTINCT branch FROM vbench_results", List.of());
    }

    /**
     * The metrics recorded for {@code benchmark}: the fixed ones it has values for, in
     * {@link Metric#FIXED} order, then its counts, sorted by name.
     */
    public List<Metric> metrics(String benchmark) {
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : Metric.FIXED) {
            String sql = "SELECT 1 FROM vbench_runs WHERE benchmark = ? AND " + m.column() + " IS NOT NULL LIMIT 1";
            if (!queryStrings(sql, List.of(benchmark)).isEmpty()) {
                metrics.add(m);
            }
        }
        for (String name : queryStrings("SELECT DISTINCT name FROM vbench_counts WHERE benchmark = ?", List.of(benchmark))) {
            metrics.add(Metric.named(name));
        }
        return metrics;
    }

    /**
     * The series of {@code metric}: one per (benchmark, branch), sorted by benchmark then branch,
     * each oldest first. Results without a value for the metric (a count the backend did not measure,
     * a run without wall time) are left out of that series.
     *
     * @param benchmark only this benchmark, or every one if null
     * @param branch    only this branch, or every one if null
     */
    public List<Series> series(String benchmark, Metric metric, String branch) {
        StringBuilder sql = new StringBuilder("SELECT v.benchmark, r.branch, r.id, r.commit_sha, r.recorded_at, ");
        List<Object> params = new ArrayList<>();
        if (metric.isCount()) {
            sql.append("c.value, v.deterministic, ").append(FINGERPRINT_COLUMNS)
                    .append(" FROM vbench_counts c JOIN vbench_runs v ON v.result_id = c.result_id AND v.benchmark = c.benchmark")
                    .append(" JOIN vbench_results r ON r.id = c.result_id WHERE c.name = ?");
            params.add(metric.name());
        } else {
            sql.append("v.").append(metric.column()).append(", v.deterministic, ").append(FINGERPRINT_COLUMNS)
                    .append(" FROM vbench_runs v JOIN vbench_results r ON r.id = v.result_id WHERE v.")
                    .append(metric.column()).append(" IS NOT NULL");
        }
        if (benchmark != null) {
            sql.append(" AND v.benchmark = ?");
            params.add(benchmark);
        }
        if (branch != null) {
            sql.append(" AND r.branch = ?");
            params.add(branch);
        }
        sql.append(" ORDER BY v.benchmark, r.branch, r.recorded_at, r.id");
        Map<List<String>, List<SeriesPoint>> grouped = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = List.of(rs.getString(1), rs.getString(2));
                    grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(new SeriesPoint(rs.getLong(3),
                            rs.getString(4), rs.getString(2), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6),
                            rs.getBoolean(7), fingerprint(rs, 8)));
                }
            }
        } catch (SQLException e) {
            throw failure("reading the series of " + metric, e);
        }
        List<Series> series = new ArrayList<>();
        grouped.forEach((key, points) -> series.add(new Series(key.get(0), metric, key.get(1), points)));
        series.sort(Comparator.comparing(Series::benchmark).thenComparing(Series::branch));
        return series;
    }

    /** Every metric name any benchmark has, fixed ones first, then counts sorted. */
    public List<Metric> allMetrics() {
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : Metric.FIXED) {
            if (!queryStrings("SELECT 1 FROM vbench_runs WHERE " + m.column() + " IS NOT NULL LIMIT 1", List.of()).isEmpty()) {
                metrics.add(m);
            }
        }
        for (String name : queryStrings("SELECT DISTINCT name FROM vbench_counts", List.of())) {
            metrics.add(Metric.named(name));
        }
        return metrics;
    }

    /** A position in the order of recording: results after it are "since" it. */
    public record Cutoff(Instant recordedAt, long resultId) {
        /** Whether a point recorded at (time, id) comes after this cutoff. */
        public boolean before(Instant time, long id) {
            int c = time.compareTo(recordedAt);
            return c > 0 || (c == 0 && id > resultId);
        }
    }

    /**
     * The last record of the commit whose name starts with {@code prefix} (on {@code branch}, if not
     * null).
     *
     * @throws HistoryException if no recorded commit starts with it, or more than one does
     */
    public Cutoff cutoffAtCommit(String prefix, String branch) {
        String filter = branch == null ? "" : " AND branch = ?";
        List<Object> params = new ArrayList<>(List.of(prefix.length(), prefix));
        if (branch != null) {
            params.add(branch);
        }
        List<String> commits = queryStrings(
                "SELECT DISTINCT commit_sha FROM vbench_results WHERE substr(commit_sha, 1, ?) = ?" + filter, params);
        if (commits.isEmpty()) {
            throw new HistoryException("no result is recorded at commit " + prefix
                    + (branch == null ? "" : " on branch " + branch));
        }
        if (commits.size() > 1) {
            throw new HistoryException("commit " + prefix + " is ambiguous: it starts " + String.join(", ", commits));
        }
        String sql = "SELECT recorded_at, id FROM vbench_results WHERE commit_sha = ?" + filter
                + " ORDER BY recorded_at DESC, id DESC LIMIT 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, commits.get(0));
            if (branch != null) {
                ps.setString(2, branch);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Cutoff(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw failure("finding commit " + prefix, e);
        }
    }

    /** One (result, benchmark) with every number recorded for it: a row of the CSV export. */
    public record RunRow(long resultId, String commit, String branch, Instant recordedAt, String benchmark,
                         long virtualTimeNs, Long calibratedTimeNs, Long wallTimeMedianNs, Long wallTimeMinNs,
                         Long wallTimeMaxNs, boolean deterministic, Fingerprint fingerprint, Map<String, Long> counts) {}

    /** Every (result, benchmark) in the order of recording, then by benchmark; on {@code branch} if not null. */
    public List<RunRow> runs(String branch) {
        String filter = branch == null ? "" : " WHERE r.branch = ?";
        Map<List<Object>, Map<String, Long>> counts = new HashMap<>();
        String countSql = "SELECT c.result_id, c.benchmark, c.name, c.value FROM vbench_counts c"
                + (branch == null ? "" : " JOIN vbench_results r ON r.id = c.result_id" + filter);
        List<RunRow> rows = new ArrayList<>();
        try {
            try (PreparedStatement ps = connection.prepareStatement(countSql)) {
                bind(ps, branch == null ? List.of() : List.of(branch));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(List.of(rs.getLong(1), rs.getString(2)), k -> new HashMap<>())
                                .put(rs.getString(3), rs.getLong(4));
                    }
                }
            }
            String sql = "SELECT r.id, r.commit_sha, r.branch, r.recorded_at, v.benchmark, v.virtual_time_ns, "
                    + "v.calibrated_time_ns, v.wall_time_median_ns, v.wall_time_min_ns, v.wall_time_max_ns, "
                    + "v.deterministic, " + FINGERPRINT_COLUMNS
                    + " FROM vbench_runs v JOIN vbench_results r ON r.id = v.result_id" + filter
                    + " ORDER BY r.recorded_at, r.id, v.benchmark";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, branch == null ? List.of() : List.of(branch));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String benchmark = rs.getString(5);
                        rows.add(new RunRow(id, rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                                benchmark, rs.getLong(6), getLong(rs, 7), getLong(rs, 8), getLong(rs, 9),
                                getLong(rs, 10), rs.getBoolean(11), fingerprint(rs, 12),
                                counts.getOrDefault(List.of(id, benchmark), Map.of())));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("reading the history", e);
        }
        return rows;
    }

    /** Every count name in the history: the known ones in canonical order, then the others sorted. */
    public List<String> countNames() {
        TreeSet<String> all = new TreeSet<>(queryStrings("SELECT DISTINCT name FROM vbench_counts", List.of()));
        List<String> names = new ArrayList<>();
        for (String known : dev.vbench.reports.model.Counters.KNOWN) {
            if (all.remove(known)) {
                names.add(known);
            }
        }
        names.addAll(all);
        return names;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }

    // --- plumbing --------------------------------------------------------------------------------

    private static final String FINGERPRINT_COLUMNS =
            "r.fp_counter, r.fp_counter_version, r.fp_cpu, r.fp_libc, r.fp_kernel, r.fp_model";

    private static Fingerprint fingerprint(ResultSet rs, int first) throws SQLException {
        String[] f = new String[6];
        boolean any = false;
        for (int i = 0; i < 6; i++) {
            f[i] = rs.getString(first + i);
            any |= f[i] != null;
        }
        return any ? new Fingerprint(f[0], f[1], f[2], f[3], f[4], f[5]) : null;
    }

    /**
     * Write transactions: on SQLite an explicit BEGIN IMMEDIATE (the write lock is taken up front,
     * waiting up to the busy timeout), and autocommit again right after, so no lock is held between
     * records; on PostgreSQL the JDBC way.
     */
    private void begin() throws SQLException {
        if (sqlite()) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        } else {
            connection.setAutoCommit(false);
        }
    }

    private void commit() throws SQLException {
        if (sqlite()) {
            try (Statement s = connection.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private void rollback() {
        try {
            if (sqlite()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // The original failure is what matters; a failed rollback leaves nothing committed.
        }
    }

    private boolean sqlite() {
        return db.url().dialect() == DatabaseUrl.Dialect.SQLITE;
    }

    private RuntimeException failure(String what, SQLException e) {
        String m = db.url().redact(String.valueOf(e.getMessage()));
        if (isConnectionProblem(e)) {
            return new HistoryException("history database " + db.url().masked() + " failed while " + what + ": " + m, e);
        }
        return new IllegalStateException("history database " + db.url().masked() + " failed while " + what + ": " + m, e);
    }

    /**
     * SQLSTATE class 08 (connection exception), 53 (insufficient resources), 57 (operator
     * intervention); for SQLite, a file still locked after the busy timeout (SQLITE_BUSY, 5), or
     * one that cannot be read or written (SQLITE_IOERR 10, SQLITE_CORRUPT 11, SQLITE_FULL 13,
     * SQLITE_CANTOPEN 14, SQLITE_READONLY 8, SQLITE_NOTADB 26).
     */
    private boolean isConnectionProblem(SQLException e) {
        if (sqlite()) {
            int primary = e.getErrorCode() & 0xff;
            return switch (primary) {
                case 5, 8, 10, 11, 13, 14, 26 -> true;
                default -> false;
            };
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }

    private long queryLong(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("counting", e);
        }
    }

    private List<String> queryStrings(String sql, List<Object> params) {
        TreeSet<String> values = new TreeSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("reading the history", e);
        }
        return new ArrayList<>(values);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package dev.vbench.baselines.history;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the history database and brings its schema to the version this code knows, with Flyway
 * (migrations are resources: {@code migration/sqlite/V1__...sql}, {@code V2__...}, and the same for
 * PostgreSQL). Each {@link #connect()} is a new connection; a connection belongs to one thread.
 *
 * <p>SQLite is configured so that parallel writers (CI shards recording at once, threads or
 * processes) lose nothing: write-ahead logging (readers never block the writer), a 60 s busy
 * timeout (a writer waits for the lock instead of failing), and write transactions that take the
 * lock when they begin ({@code BEGIN IMMEDIATE}), so two writers never both hold a read lock and
 * deadlock on the upgrade, which SQLite would report as "database is locked" without waiting.
 * {@code synchronous=NORMAL} in WAL mode keeps the database consistent across a crash; a power cut
 * may lose the last few commits.
 *
 * <p>Migration is serialized: across processes with a lock file beside a SQLite database (Flyway
 * has no lock of its own there) or a PostgreSQL advisory lock, and within this JVM with an
 * in-process lock. A database already at the latest version is detected with one query, without
 * starting Flyway.
 */
public final class HistoryDatabase {
    /** The newest schema version this code writes and reads. */
    public static final int LATEST_VERSION = 2;
    /** Flyway's bookkeeping table; prefixed like ours so a shared PostgreSQL database stays tidy. */
    static final String SCHEMA_TABLE = "vbench_schema_history";

    private static final int BUSY_TIMEOUT_MS = 60_000;
    private static final long ADVISORY_LOCK_KEY = 0x7662656e6368L; // "vbench"
    private static final Map<Path, ReentrantLock> SQLITE_MIGRATION_LOCKS = new ConcurrentHashMap<>();
    /** Flyway logs through java.util.logging here; its INFO lines are noise in a CLI. Kept strongly reachable. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private final DatabaseUrl url;
    private final DataSource dataSource;

    private HistoryDatabase(DatabaseUrl url, DataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /**
     * Opens the database at {@code url} and migrates it to {@link #LATEST_VERSION}.
     *
     * @param create whether a SQLite file that does not exist yet may be created (recording does;
     *               reading a history that was never recorded is an error that says so)
     * @throws HistoryException if it cannot be opened or migrated; the message names the masked URL
     */
    public static HistoryDatabase open(DatabaseUrl url, boolean create) {
        HistoryDatabase db = connectOnly(url, create);
        db.migrate(null);
        return db;
    }

    /**
     * Opens without migrating; {@link #migrate(Integer)} then moves to a chosen version. For tests
     * that build an old schema with data in it.
     */
    static HistoryDatabase connectOnly(DatabaseUrl url, boolean create) {
        DataSource dataSource;
        if (url.dialect() == DatabaseUrl.Dialect.SQLITE) {
            Path file = url.file();
            if (!Files.exists(file)) {
                if (!create) {
                    throw new HistoryException("no history database at " + file
                            + " (record a result first with `vbench history record`, or name one with --db)");
                }
                try {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new HistoryException("cannot open history database " + url.masked()
                            + ": cannot create its directory: " + e.getMessage(), e);
                }
            } else if (Files.isDirectory(file)) {
                throw new HistoryException("cannot open history database " + url.masked() + ": it is a directory");
            }
            dataSource = sqliteDataSource(url);
        } else {
            dataSource = new DriverDataSource(url.jdbcUrl());
        }
        HistoryDatabase db = new HistoryDatabase(url, dataSource);
        try (Connection ignored = db.connect()) {
            // Opening once here turns a wrong host, port, password or path into one clear message.
        } catch (SQLException e) {
            throw db.cannotOpen(e);
        }
        return db;
    }

    private static DataSource sqliteDataSource(DatabaseUrl url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url.jdbcUrl());
        return ds;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** A new connection in autocommit mode. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** A HistoryException for a failure to reach the database, naming the masked URL. */
    HistoryException cannotOpen(SQLException e) {
        return new HistoryException("cannot open history database " + url.masked() + ": " + url.redact(rootMessage(e)), e);
    }

    /**
     * Migrates to {@code target} (null: the latest version). A database newer than this code is
     * refused rather than misread.
     */
    void migrate(Integer target) {
        if (target == null && currentVersion() == LATEST_VERSION) {
            return;
        }
        if (url.dialect() == DatabaseUrl.Dialect.SQLITE) {
            ReentrantLock inProcess = SQLITE_MIGRATION_LOCKS.computeIfAbsent(url.file(), f -> new ReentrantLock());
            inProcess.lock();
            Path lockFile = url.file().resolveSibling(url.file().getFileName() + ".migration-lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                useWriteAheadLog();
                runFlyway(target);
            } catch (IOException e) {
                throw new HistoryException("cannot open history database " + url.masked()
                        + ": cannot lock " + lockFile + ": " + e.getMessage(), e);
            } finally {
                inProcess.unlock();
            }
        } else {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
                try {
                    runFlyway(target);
                } finally {
                    s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
                }
            } catch (SQLException e) {
                throw cannotOpen(e);
            }
        }
    }

    /** WAL is a property of the file, kept once set; setting it needs a moment alone with the file. */
    private void useWriteAheadLog() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
            if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                throw new HistoryException("cannot open history database " + url.masked()
                        + ": SQLite refused write-ahead logging (is it on a network file system?)");
            }
        } catch (SQLException e) {
            throw cannotOpen(e);
        }
    }

    private void runFlyway(Integer target) {
        if (target == null && currentVersion() == LATEST_VERSION) {
            return; // another process or thread migrated while this one waited for the lock
        }
        try {
            Flyway.configure(HistoryDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(url.dialect().migrations())
                    .table(SCHEMA_TABLE)
                    .failOnMissingLocations(true)
                    // A shared PostgreSQL schema may hold other tables: start from version 0 there.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .target(target == null ? "latest" : target.toString())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new HistoryException("cannot migrate history database " + url.masked() + ": "
                    + url.redact(rootMessage(e)), e);
        }
    }

    /**
     * The schema version recorded in Flyway's table (0 when there is none yet).
     *
     * @throws HistoryException if the database is newer than this code or a migration failed half-way
     */
    int currentVersion() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (!tableExists(c, SCHEMA_TABLE)) {
                return 0;
            }
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT version, success FROM " + SCHEMA_TABLE + " WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    int v;
                    try {
                        v = Integer.parseInt(rs.getString(1));
                    } catch (NumberFormatException notOurs) {
                        throw new HistoryException("history database " + url.masked() + " has schema version '"
                                + rs.getString(1) + "' in " + SCHEMA_TABLE + ", which vbench never wrote");
                    }
                    if (!rs.getBoolean(2)) {
                        throw new HistoryException("history database " + url.masked() + ": migration to version " + v
                                + " failed earlier and was left half-done; restore a backup");
                    }
                    version = Math.max(version, v);
                }
            }
            if (version > LATEST_VERSION) {
                throw new HistoryException("history database " + url.masked() + " has schema version " + version
                        + ", newer than this vbench reads (" + LATEST_VERSION + "); use a newer vbench");
            }
            return version;
        } catch (SQLException e) {
            throw cannotOpen(e);
        }
    }

    private boolean tableExists(Connection c, String table) throws SQLException {
        String sql = url.dialect() == DatabaseUrl.Dialect.SQLITE
                ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
                : "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?";
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A DataSource over DriverManager: the URL carries user and password (pgjdbc reads them there). */
    private static final class DriverDataSource implements DataSource {
        private final String url;

        DriverDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}

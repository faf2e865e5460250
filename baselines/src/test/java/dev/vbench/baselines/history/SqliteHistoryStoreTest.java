package dev.vbench.baselines.history;

import static dev.vbench.baselines.history.Results.at;
import static dev.vbench.baselines.history.Results.benchmark;
import static dev.vbench.baselines.history.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history in a real SQLite file, the default database. */
class SqliteHistoryStoreTest extends HistoryStoreContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    DatabaseUrl freshDatabase() {
        return DatabaseUrl.sqlite(dir.resolve("db" + (++databases)).resolve("history.db"));
    }

    @Test
    void theFileUsesWriteAheadLogging() throws Exception {
        DatabaseUrl url = freshDatabase();
        HistoryStore.open(url, true).close();
        try (Connection c = HistoryDatabase.connectOnly(url, false).connect();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void readingAHistoryThatWasNeverRecordedSaysSo() {
        DatabaseUrl url = freshDatabase();
        assertThatThrownBy(() -> HistoryStore.open(url, false)).isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("no history database at " + url.file());
        assertThat(url.file()).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseIsNamed() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the tables you are looking for\n".repeat(100));
        assertThatThrownBy(() -> HistoryStore.open(DatabaseUrl.sqlite(file), false))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("cannot open history database jdbc:sqlite:" + file + ": ");
    }

    @Test
    void aDatabaseFromANewerVbenchIsRefused() throws Exception {
        DatabaseUrl url = freshDatabase();
        HistoryStore.open(url, true).close();
        try (Connection c = HistoryDatabase.connectOnly(url, false).connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + HistoryDatabase.SCHEMA_TABLE + " SET version = '3' WHERE version = '2'");
        }
        assertThatThrownBy(() -> HistoryStore.open(url, false)).isInstanceOf(HistoryException.class)
                .hasMessageContaining("has schema version 3, newer than this vbench reads (2)");
    }

    /**
     * Parallel CI shards are processes: eight JVMs record into one new file at once (creating its
     * schema too), and every result arrives.
     */
    @Test
    void eightConcurrentProcessesLoseNothing() throws Exception {
        DatabaseUrl url = freshDatabase();
        int writers = 8;
        int each = 20;
        Path go = dir.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Path log = dir.resolve("writer" + w + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ConcurrentWriter.class.getName(),
                    url.jdbcUrl(), String.valueOf(w), String.valueOf(each), go.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        Files.writeString(go, "go"); // all started: release them together
        for (int w = 0; w < writers; w++) {
            Process p = processes.get(w);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("writer %d finished", w).isTrue();
            assertThat(p.exitValue()).as("writer %d: %s", w, Files.readString(logs.get(w), StandardCharsets.UTF_8)).isZero();
        }
        try (HistoryStore store = HistoryStore.open(url, false)) {
            assertThat(store.resultCount()).isEqualTo(writers * each);
            assertThat(store.series("shared", Metric.VIRTUAL_TIME, "shard").get(0).size()).isEqualTo(writers * each);
            assertThat(store.series("shared", Metric.named("instructions"), "shard").get(0).size()).isEqualTo(writers * each);
        }
    }

    /** The body of one writer process of {@link #eightConcurrentProcessesLoseNothing()}. */
    static final class ConcurrentWriter {
        public static void main(String[] args) throws Exception {
            DatabaseUrl url = DatabaseUrl.parse(args[0], Path.of("."));
            int writer = Integer.parseInt(args[1]);
            int each = Integer.parseInt(args[2]);
            Path go = Path.of(args[3]);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            try (HistoryStore store = HistoryStore.open(url, true)) {
                for (int i = 0; i < each; i++) {
                    int n = writer * 1000 + i;
                    if (!store.record(result(benchmark("shared", n, n)), at(n, "shard")).inserted()) {
                        throw new AssertionError("result " + n + " was not inserted");
                    }
                }
            }
        }
    }
}

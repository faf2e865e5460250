package dev.vbench.baselines.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history on a real PostgreSQL server that the test starts and stops itself. */
class PostgresHistoryStoreTest extends HistoryStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    DatabaseUrl freshDatabase() throws Exception {
        return DatabaseUrl.parse(server.newDatabase(), Path.of("."));
    }

    @Test
    void aSharedDatabaseWithOtherTablesIsLeftAlone() throws Exception {
        DatabaseUrl url = freshDatabase();
        try (Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE someone_elses (id INT)");
            s.execute("INSERT INTO someone_elses VALUES (42)");
        }
        try (HistoryStore store = HistoryStore.open(url, true)) {
            store.record(Results.result(Results.benchmark("b", 1, 1)), Results.at(1, "main"));
        }
        try (Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM someone_elses")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}

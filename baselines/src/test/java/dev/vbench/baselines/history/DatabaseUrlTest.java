package dev.vbench.baselines.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    private static final Path CWD = Path.of("/work/project");

    @Test
    void theDefaultIsASqliteFileUnderTheWorkingDirectory() {
        DatabaseUrl url = DatabaseUrl.resolve(null, Map.of(), CWD);
        assertThat(url.dialect()).isEqualTo(DatabaseUrl.Dialect.SQLITE);
        assertThat(url.file()).isEqualTo(Path.of("/work/project/.vbench/history.db"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/work/project/.vbench/history.db");
    }

    @Test
    void theEnvironmentReplacesTheDefaultAndAnOptionReplacesBoth() {
        Map<String, String> env = Map.of(DatabaseUrl.ENVIRONMENT_VARIABLE, "jdbc:postgresql://db:5432/perf?user=ci");
        assertThat(DatabaseUrl.resolve(null, env, CWD).dialect()).isEqualTo(DatabaseUrl.Dialect.POSTGRESQL);
        assertThat(DatabaseUrl.resolve("other.db", env, CWD).file()).isEqualTo(Path.of("/work/project/other.db"));
        assertThat(DatabaseUrl.resolve(null, Map.of(DatabaseUrl.ENVIRONMENT_VARIABLE, " "), CWD).file())
                .isEqualTo(Path.of("/work/project/.vbench/history.db"));
    }

    @Test
    void sqliteUrlsAndPlainPathsAreFiles() {
        assertThat(DatabaseUrl.parse("jdbc:sqlite:ci/h.db", CWD).file()).isEqualTo(Path.of("/work/project/ci/h.db"));
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/abs/h.db?foo=1", CWD).file()).isEqualTo(Path.of("/abs/h.db"));
        assertThat(DatabaseUrl.parse("../h.db", CWD).file()).isEqualTo(Path.of("/work/h.db"));
    }

    @Test
    void passwordsNeverAppearInTheMaskedFormOrRedactedMessages() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/perf?user=ci&password=s3cret&ssl=true", CWD);
        assertThat(url.masked()).isEqualTo("jdbc:postgresql://db:5432/perf?user=ci&password=***&ssl=true");
        assertThat(url.toString()).doesNotContain("s3cret");
        assertThat(url.redact("FATAL: password s3cret rejected for " + url.jdbcUrl()))
                .isEqualTo("FATAL: password *** rejected for " + url.masked());
        assertThat(DatabaseUrl.mask("jdbc:postgresql://ci:hunter2@db/perf")).isEqualTo("jdbc:postgresql://ci:***@db/perf");
        assertThat(DatabaseUrl.mask("jdbc:postgresql://db/perf?PASSWORD=x;user=y")).isEqualTo("jdbc:postgresql://db/perf?PASSWORD=***;user=y");
    }

    @Test
    void otherDatabasesAndInMemorySqliteAreRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:mysql://db/perf?password=x", CWD))
                .isInstanceOf(HistoryException.class).hasMessageContaining("unsupported database")
                .hasMessageContaining("password=***").hasMessageNotContaining("password=x");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlite::memory:", CWD)).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> DatabaseUrl.parse("  ", CWD)).hasMessageContaining("--db needs a value");
    }
}

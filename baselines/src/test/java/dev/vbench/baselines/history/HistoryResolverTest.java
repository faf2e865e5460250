package dev.vbench.baselines.history;

import static dev.vbench.baselines.history.Results.at;
import static dev.vbench.baselines.history.Results.benchmark;
import static dev.vbench.baselines.history.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history:BRANCH} as compare's --base will use it. */
class HistoryResolverTest {
    @TempDir
    Path dir;

    @Test
    void historyBranchIsTheNewestResultRecordedOnThatBranch() {
        String db = "jdbc:sqlite:" + dir.resolve("history.db");
        Result oldMain = result(benchmark("q", 100, 100));
        Result newMain = result(benchmark("q", 103, 103));
        Result feature = result(benchmark("q", 200, 200));
        try (HistoryStore store = HistoryStore.open(DatabaseUrl.parse(db, dir), true)) {
            store.record(oldMain, at(1, "main"));
            store.record(feature, at(3, "feature"));
            store.record(newMain, at(2, "main"));
            // Recorded later but dated earlier (a back-fill): the newest by time still wins.
            store.record(result(benchmark("q", 1, 1)), new Provenance("old", "main", Instant.parse("2020-01-01T00:00:00Z")));
        }
        assertThat(HistoryResolver.handles("history:main")).isTrue();
        assertThat(HistoryResolver.handles("base.json")).isFalse();
        assertThat(ResultIO.toJson(HistoryResolver.resolve("history:main", db))).isEqualTo(ResultIO.toJson(newMain));
        assertThat(ResultIO.toJson(HistoryResolver.latest("feature", db, Map.of(), dir))).isEqualTo(ResultIO.toJson(feature));
        assertThatThrownBy(() -> HistoryResolver.resolve("history:release", db)).isInstanceOf(HistoryException.class)
                .hasMessage("history:release: no result is recorded on branch 'release' in " + db);
        assertThatThrownBy(() -> HistoryResolver.resolve("history:", db)).isInstanceOf(HistoryException.class)
                .hasMessage("history:: name a branch, e.g. history:main");
        assertThatThrownBy(() -> HistoryResolver.latest("release", db)).as("for ResultSources, which names the argument")
                .hasMessage("no result is recorded on branch 'release' in " + db);
    }

    @Test
    void theDefaultDatabaseIsUnderTheWorkingDirectory() {
        assertThatThrownBy(() -> HistoryResolver.latest("main", null, Map.of(), dir)).isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("no history database at " + dir.resolve(".vbench/history.db"));
    }
}

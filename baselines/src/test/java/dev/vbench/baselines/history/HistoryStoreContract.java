package dev.vbench.baselines.history;

import static dev.vbench.baselines.history.Results.FINGERPRINT;
import static dev.vbench.baselines.history.Results.at;
import static dev.vbench.baselines.history.Results.benchmark;
import static dev.vbench.baselines.history.Results.commit;
import static dev.vbench.baselines.history.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every history database must do, run against a real SQLite file and a real PostgreSQL
 * server by the subclasses.
 */
abstract class HistoryStoreContract {

    /** A new, empty database (nothing created in it yet). */
    abstract DatabaseUrl freshDatabase() throws Exception;

    @Test
    void recordsAResultAndReadsItBack() throws Exception {
        DatabaseUrl url = freshDatabase();
        Result r = result(benchmark("qsort", 1_234_567, 105_586_321), Results.withWall(benchmark("sleep", 10_000, 5_000), 2_000_000));
        try (HistoryStore store = HistoryStore.open(url, true)) {
            HistoryStore.Recorded rec = store.record(r, at(1, "main"));
            assertThat(rec.inserted()).isTrue();
            assertThat(rec.benchmarks()).isEqualTo(2);

            HistoryStore.StoredResult latest = store.latest("main").orElseThrow();
            assertThat(ResultIO.toJson(latest.result())).isEqualTo(ResultIO.toJson(r));
            assertThat(latest.provenance()).isEqualTo(at(1, "main"));
            assertThat(store.latest("other")).isEmpty();

            assertThat(store.benchmarks()).containsExactly("qsort", "sleep");
            assertThat(store.metrics("qsort")).extracting(Metric::name).containsExactly("virtual_time_ns",
                    "branches_conditional", "branches_indirect", "instructions", "page-faults", "syscalls");
            assertThat(store.metrics("sleep")).extracting(Metric::name).startsWith("virtual_time_ns",
                    "wall_time_median_ns", "wall_time_min_ns", "wall_time_max_ns");

            Series instructions = store.series("qsort", Metric.named("instructions"), null).get(0);
            assertThat(instructions.values()).containsExactly(105_586_321L);
            assertThat(instructions.points().get(0).fingerprint()).isEqualTo(FINGERPRINT);
            assertThat(instructions.points().get(0).commit()).isEqualTo(commit(1));
            assertThat(store.series("sleep", Metric.WALL_MAX, "main").get(0).values()).containsExactly(2_400_000L);
            assertThat(store.series("qsort", Metric.WALL_MEDIAN, null)).as("no wall time, no series").isEmpty();
        }
    }

    @Test
    void recordingIsIdempotentPerCommitBranchAndContent() throws Exception {
        DatabaseUrl url = freshDatabase();
        Result r = result(benchmark("qsort", 1_000, 2_000));
        try (HistoryStore store = HistoryStore.open(url, true)) {
            HistoryStore.Recorded first = store.record(r, at(1, "main"));
            HistoryStore.Recorded again = store.record(r, new Provenance(commit(1), "main", Instant.now()));
            assertThat(again.inserted()).isFalse();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(store.resultCount()).isEqualTo(1);

            assertThat(store.record(r, at(1, "feature")).inserted()).as("another branch").isTrue();
            assertThat(store.record(r, at(2, "main")).inserted()).as("another commit").isTrue();
            Result rerun = result(benchmark("qsort", 1_000, 2_000).toBuilder().runs(2).build());
            assertThat(store.record(rerun, at(2, "main")).inserted()).as("other bytes at the same commit").isTrue();
            assertThat(store.resultCount()).isEqualTo(4);
            assertThat(store.series("qsort", Metric.VIRTUAL_TIME, "main").get(0).size()).isEqualTo(3);
        }
    }

    @Test
    void aResultWithTwoBenchmarksOfOneNameIsRefusedAndLeavesNothing() throws Exception {
        DatabaseUrl url = freshDatabase();
        try (HistoryStore store = HistoryStore.open(url, true)) {
            Result twice = result(benchmark("a", 1, 1), benchmark("a", 2, 2));
            assertThatThrownBy(() -> store.record(twice, at(1, "main")))
                    .isInstanceOf(HistoryException.class).hasMessageContaining("two benchmarks named 'a'");
            assertThat(store.resultCount()).isZero();
        }
    }

    @Test
    void thirtyResultsWithOneSmallStepHaveExactlyThatChangePoint() throws Exception {
        DatabaseUrl url = freshDatabase();
        int stepAt = 17;
        try (HistoryStore store = HistoryStore.open(url, true)) {
            for (int i = 0; i < 30; i++) {
                long virtual = i < stepAt ? 1_000_000_000L : 1_003_000_000L; // +0.3%
                long instructions = i < stepAt ? 40_000_000L : 40_120_000L;
                store.record(result(benchmark("qsort", virtual, instructions), benchmark("steady", 5_000, 7_000)),
                        at(i, "main"));
            }
            ChangeDetector detector = new ChangeDetector();
            List<ChangePoint> changes = new ArrayList<>();
            for (Series s : store.series(null, Metric.VIRTUAL_TIME, null)) {
                assertThat(s.exact()).isTrue();
                changes.addAll(detector.detect(s));
            }
            assertThat(changes).hasSize(1);
            ChangePoint c = changes.get(0);
            assertThat(c.commit()).isEqualTo(commit(stepAt));
            assertThat(c.benchmark()).isEqualTo("qsort");
            assertThat(c.before()).isEqualTo(1_000_000_000d);
            assertThat(c.after()).isEqualTo(1_003_000_000d);
            assertThat(c.percent()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(c.method()).isEqualTo(ChangePoint.Method.EXACT);
            assertThat(c.platformChanged()).isFalse();

            List<ChangePoint> counted = detector.detect(store.series("qsort", Metric.named("instructions"), "main").get(0));
            assertThat(counted).extracting(ChangePoint::commit).containsExactly(commit(stepAt));

            HistoryStore.Cutoff before = store.cutoffAtCommit(commit(stepAt - 1).substring(0, 10), "main");
            HistoryStore.Cutoff at = store.cutoffAtCommit(commit(stepAt), null);
            assertThat(before.before(c.recordedAt(), c.resultId())).as("the step comes after its parent").isTrue();
            assertThat(at.before(c.recordedAt(), c.resultId())).as("not after itself").isFalse();
        }
    }

    @Test
    void aNoisyWallTimeStepIsFoundByEDivisive() throws Exception {
        DatabaseUrl url = freshDatabase();
        Random noise = new Random(11);
        try (HistoryStore store = HistoryStore.open(url, true)) {
            for (int i = 0; i < 30; i++) {
                double level = i < 15 ? 10_000_000 : 11_000_000; // +10%
                long median = Math.round(level * (1 + 0.05 * (2 * noise.nextDouble() - 1))); // within 5%
                store.record(result(Results.withWall(benchmark("io", 1_000, 2_000), median)), at(i, "main"));
            }
            Series wall = store.series("io", Metric.WALL_MEDIAN, "main").get(0);
            assertThat(wall.exact()).isFalse();
            List<ChangePoint> changes = new ChangeDetector().detect(wall);
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).index()).isBetween(13, 17);
            assertThat(changes.get(0).method()).isEqualTo(ChangePoint.Method.E_DIVISIVE);
            assertThat(new ChangeDetector().detect(store.series("io", Metric.VIRTUAL_TIME, "main").get(0))).isEmpty();
        }
    }

    @Test
    void aChangeThatComesWithAnotherPlatformSaysSo() throws Exception {
        DatabaseUrl url = freshDatabase();
        Fingerprint newValgrind = new Fingerprint("valgrind", "3.22.0/vbcount-1", FINGERPRINT.cpu(), FINGERPRINT.libc(),
                FINGERPRINT.kernel(), FINGERPRINT.model());
        try (HistoryStore store = HistoryStore.open(url, true)) {
            store.record(result(benchmark("b", 100, 100)), at(0, "main"));
            store.record(result(benchmark("b", 100, 100)), at(1, "main"));
            store.record(result(newValgrind, benchmark("b", 120, 130)), at(2, "main"));
            store.record(result(newValgrind, benchmark("b", 150, 130)), at(3, "main"));
            List<ChangePoint> changes = new ChangeDetector().detect(store.series("b", Metric.VIRTUAL_TIME, "main").get(0));
            assertThat(changes).extracting(ChangePoint::commit).containsExactly(commit(2), commit(3));
            assertThat(changes).extracting(ChangePoint::platformChanged).containsExactly(true, false);
        }
    }

    @Test
    void aCommitPrefixMustNameOneRecordedCommit() throws Exception {
        DatabaseUrl url = freshDatabase();
        try (HistoryStore store = HistoryStore.open(url, true)) {
            store.record(result(benchmark("b", 1, 1)), new Provenance("abc123", "main", Results.T0));
            store.record(result(benchmark("b", 1, 1)), new Provenance("abd456", "main", Results.T0));
            assertThat(store.cutoffAtCommit("abc", null).recordedAt()).isEqualTo(Results.T0);
            assertThatThrownBy(() -> store.cutoffAtCommit("ab", null)).isInstanceOf(HistoryException.class)
                    .hasMessageContaining("ambiguous").hasMessageContaining("abc123").hasMessageContaining("abd456");
            assertThatThrownBy(() -> store.cutoffAtCommit("fff", null)).isInstanceOf(HistoryException.class)
                    .hasMessage("no result is recorded at commit fff");
            assertThatThrownBy(() -> store.cutoffAtCommit("abc", "feature")).isInstanceOf(HistoryException.class)
                    .hasMessage("no result is recorded at commit abc on branch feature");
        }
    }

    @Test
    void eightConcurrentWritersLoseNothing() throws Exception {
        DatabaseUrl url = freshDatabase(); // not created yet: the writers also race to create the schema
        int writers = 8;
        int each = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    int inserted = 0;
                    try (HistoryStore store = HistoryStore.open(url, true)) {
                        for (int i = 0; i < each; i++) {
                            int n = writer * 1000 + i;
                            Result r = result(benchmark("shared", 1_000 + n, 2_000 + n), benchmark("w" + writer, n, n));
                            inserted += store.record(r, at(n, "shard")).inserted() ? 1 : 0;
                        }
                    }
                    return inserted;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(writers * each);
        } finally {
            pool.shutdownNow();
        }
        try (HistoryStore store = HistoryStore.open(url, false)) {
            assertThat(store.resultCount()).isEqualTo(writers * each);
            assertThat(store.series("shared", Metric.VIRTUAL_TIME, "shard").get(0).size()).isEqualTo(writers * each);
            assertThat(store.series("shared", Metric.named("page-faults"), "shard").get(0).size()).isEqualTo(writers * each);
            for (int w = 0; w < writers; w++) {
                assertThat(store.series("w" + w, Metric.named("instructions"), "shard").get(0).size()).isEqualTo(each);
            }
        }
    }

    @Test
    void migratesAVersion1DatabaseWithDataInItToVersion2() throws Exception {
        DatabaseUrl url = freshDatabase();
        HistoryDatabase v1 = HistoryDatabase.connectOnly(url, true);
        v1.migrate(1);
        assertThat(v1.currentVersion()).isEqualTo(1);
        Benchmark calibrated = benchmark("qsort", 1_000, 40_000).toBuilder().calibratedTimeNs(900L).build();
        Benchmark noisy = Results.withWall(benchmark("io", 2_000, 50_000), 1_000_000).toBuilder()
                .deterministic(false).build();
        Result first = result(calibrated, noisy);
        Result second = result((Fingerprint) null, benchmark("qsort", 1_100, 41_000));
        try (Connection c = v1.connect()) {
            insertAsVersion1(c, first, commit(1), "main", 1000);
            insertAsVersion1(c, second, commit(2), "main", 2000);
        }

        try (HistoryStore store = HistoryStore.open(url, true)) {
            assertThat(HistoryDatabase.connectOnly(url, false).currentVersion()).isEqualTo(HistoryDatabase.LATEST_VERSION);
            // Counts V1 had columns for, and counts only the stored JSON had.
            assertThat(store.series("qsort", Metric.named("instructions"), "main").get(0).values()).containsExactly(40_000L, 41_000L);
            assertThat(store.series("qsort", Metric.named("branches_indirect"), "main").get(0).values()).containsExactly(400L, 410L);
            assertThat(store.series("qsort", Metric.named("page-faults"), "main").get(0).values()).containsExactly(120L, 120L);
            assertThat(store.series("qsort", Metric.CALIBRATED_TIME, "main").get(0).values()).containsExactly(900L);
            assertThat(store.series("io", Metric.WALL_MEDIAN, "main").get(0).values()).containsExactly(1_000_000L);
            assertThat(store.series("io", Metric.WALL_MIN, "main").get(0).values()).containsExactly(900_000L);
            assertThat(store.series("io", Metric.WALL_MAX, "main").get(0).values()).containsExactly(1_200_000L);
            Series io = store.series("io", Metric.VIRTUAL_TIME, "main").get(0);
            assertThat(io.exact()).as("a nondeterministic run makes the series noisy").isFalse();
            List<SeriesPoint> qsort = store.series("qsort", Metric.VIRTUAL_TIME, "main").get(0).points();
            assertThat(qsort).extracting(SeriesPoint::fingerprint).containsExactly(FINGERPRINT, null);
            assertThat(qsort).extracting(SeriesPoint::deterministic).containsExactly(true, true);

            // The migrated database takes new results like a new one.
            store.record(result(benchmark("qsort", 1_200, 42_000)), at(3, "main"));
            assertThat(store.series("qsort", Metric.named("instructions"), "main").get(0).values())
                    .containsExactly(40_000L, 41_000L, 42_000L);
            assertThat(ResultIO.toJson(store.latest("main").orElseThrow().result()))
                    .isEqualTo(ResultIO.toJson(result(benchmark("qsort", 1_200, 42_000))));
        }
    }

    /** What a vbench of schema version 1 wrote: fixed count columns, the environment and the JSON. */
    static void insertAsVersion1(Connection c, Result r, String commit, String branch, long recordedAtMs) throws Exception {
        String json = ResultIO.toJson(r);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vbench_results (commit_sha, branch, recorded_at, "
                + "digest, environment, result_json) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, commit);
            ps.setString(2, branch);
            ps.setLong(3, recordedAtMs);
            ps.setString(4, HistoryStore.sha256(json));
            ps.setString(5, HistoryStore.JSON.writeValueAsString(r.environment()));
            ps.setString(6, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        for (Benchmark b : r.benchmarks()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vbench_runs (result_id, benchmark, virtual_time_ns, "
                    + "instructions, branches_conditional, syscalls, wall_time_median_ns) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, b.name());
                ps.setLong(3, b.virtualTimeNs());
                ps.setObject(4, b.counters().instructions());
                ps.setObject(5, b.counters().branchesConditional());
                ps.setObject(6, b.counters().syscalls());
                ps.setObject(7, b.wallTimeNs() == null ? null : b.wallTimeNs().median());
                ps.executeUpdate();
            }
        }
    }

    /** The tables and columns of a database at the latest version, for a dialect-specific check. */
    static List<String> columns(Connection c, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    @Test
    void version2HasCountsByNameInsteadOfVersion1sCountColumns() throws Exception {
        DatabaseUrl url = freshDatabase();
        HistoryStore.open(url, true).close();
        try (Connection c = HistoryDatabase.connectOnly(url, false).connect()) {
            assertThat(columns(c, "vbench_runs")).containsExactlyInAnyOrder("result_id", "benchmark", "virtual_time_ns",
                    "wall_time_median_ns", "calibrated_time_ns", "wall_time_min_ns", "wall_time_max_ns", "deterministic");
            assertThat(columns(c, "vbench_counts")).containsExactly("result_id", "benchmark", "name", "value");
            assertThat(columns(c, "vbench_results")).contains("fp_counter", "fp_model", "result_json", "environment");
        }
    }
}

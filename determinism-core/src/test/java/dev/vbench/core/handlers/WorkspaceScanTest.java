package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace scan on its own thread: the same times as scanning in place, waited for where needed. */
class WorkspaceScanTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long EPOCH = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond() * SECOND;

    @TempDir
    Path root;

    /** Notes said, in order. */
    private final List<String> notes = new ArrayList<>();
    private final RunReport report = new RunReport() {
        @Override
        public void note(String text) {
            notes.add(text);
        }

        @Override
        public void problem(String text) {
            throw new AssertionError(text);
        }
    };

    private void files(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path p = root.resolve("d" + i % 3 + "/f" + i);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
            Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i * 10L)));
        }
    }

    private static long[] key(Path p) throws IOException {
        return new long[] {((Number) Files.getAttribute(p, "unix:dev")).longValue(),
            ((Number) Files.getAttribute(p, "unix:ino")).longValue()};
    }

    private static Long shown(WorkspaceTimes w, Path p) throws IOException {
        long[] k = key(p);
        return w.timeOf(k[0], k[1], EPOCH);
    }

    @Test
    void givesTheTimesOfAScanInPlace() throws IOException {
        files(30);
        Path hidden = root.resolve("d1/f4");
        WorkspaceScan scan = WorkspaceScan.begin(root, Set.of(hidden.toString()));
        WorkspaceTimes inPlace = WorkspaceTimes.scan(root, scan.runStartNanos(), Set.of(hidden.toString()));
        WorkspaceTimes background = scan.times();
        assertThat(background.complete()).isTrue();
        assertThat(scan.failure()).isNull();
        for (int i = 0; i < 30; i++) {
            Path p = root.resolve("d" + i % 3 + "/f" + i);
            assertThat(shown(background, p)).as(p.toString()).isEqualTo(shown(inPlace, p));
        }
        assertThat(shown(background, root.resolve("d2/f29"))).as("the 29th group: f4 is hidden")
                .isEqualTo(EPOCH - 86_400 * SECOND + 28 * SECOND);
        assertThat(shown(background, hidden)).isNull();
    }

    /** A scan of the workspace (at most {@code maxFiles}) that starts only once {@code release} opens. */
    private WorkspaceScan heldScan(CountDownLatch release, int maxFiles) {
        return WorkspaceScan.begin(root, Set.of(), (r, start, hidden, cancelled) -> {
            release.await();
            return WorkspaceTimes.scan(r, start, hidden, maxFiles, cancelled);
        });
    }

    @Test
    void theGuestsFirstImageWaitsForTheScanAndANoteSaysATreeIsTooLarge() throws Exception {
        files(5);
        CountDownLatch release = new CountDownLatch(1);
        WorkspaceScan scan = heldScan(release, 3);
        WorkspaceBarrier barrier = new WorkspaceBarrier(scan, report);
        CompletableFuture<Void> exec = CompletableFuture.runAsync(() -> barrier.onExec(null));
        Thread.sleep(200);
        assertThat(exec).as("the exec waits for the scan").isNotDone();
        release.countDown();
        exec.get(10, TimeUnit.SECONDS);
        assertThat(notes).containsExactly("the working directory " + root + " holds more than "
                + WorkspaceTimes.MAX_FILES + " files: they keep their real times, which differ from checkout to checkout");
        barrier.onExec(null);
        assertThat(notes).as("said once, at the first exec").hasSize(1);
    }

    @Test
    void aLookupWaitsForTheScan() throws Exception {
        files(3);
        CountDownLatch release = new CountDownLatch(1);
        WorkspaceScan scan = heldScan(release, WorkspaceTimes.MAX_FILES);
        FileIdentity identity = new FileIdentity(EPOCH, () -> 0, scan);
        long[] k = key(root.resolve("d0/f0"));
        CompletableFuture<Long> shown = CompletableFuture.supplyAsync(() -> identity.shownTime(k[0], k[1], 0));
        Thread.sleep(200);
        assertThat(shown).isNotDone();
        release.countDown();
        assertThat(shown.get(10, TimeUnit.SECONDS)).isEqualTo(EPOCH - 86_400 * SECOND);
    }

    @Test
    void aScanThatFailsLeavesTheFilesTheirRealTimesAndSaysSo() throws IOException {
        files(3);
        WorkspaceScan scan = WorkspaceScan.begin(root, Set.of(), (r, start, hidden, cancelled) -> {
            throw new IllegalStateException("broken");
        });
        WorkspaceTimes times = scan.times();
        assertThat(shown(times, root.resolve("d0/f0"))).isNull();
        assertThat(scan.failure()).hasMessage("broken");
        new WorkspaceBarrier(scan, report).onExec(null);
        assertThat(notes).singleElement().asString().contains("could not be scanned (java.lang.IllegalStateException: broken)")
                .contains("keep their real times");
    }

    @Test
    void theEndOfTheRunStopsTheScan() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WorkspaceScan scan = WorkspaceScan.begin(root, Set.of(), (r, start, hidden, cancelled) -> {
            started.countDown();
            while (!cancelled.getAsBoolean()) {
                Thread.sleep(1);
            }
            throw new java.util.concurrent.CancellationException();
        });
        started.await(10, TimeUnit.SECONDS);
        new WorkspaceBarrier(scan, report).onRunEnd();
        for (int i = 0; i < 1000 && !scan.done(); i++) {
            Thread.sleep(10);
        }
        assertThat(scan.done()).isTrue();
        assertThat(scan.times().complete()).isTrue();
        assertThat(scan.failure()).as("a scan stopped is no failure").isNull();
        assertThat(notes).isEmpty();
    }

    @Test
    void aRealScanStopsWhenCancelled() throws IOException {
        files(50);
        List<Integer> checks = new ArrayList<>();
        WorkspaceScan scan = WorkspaceScan.begin(root, Set.of(), (r, start, hidden, cancelled) ->
                WorkspaceTimes.scan(r, start, hidden, WorkspaceTimes.MAX_FILES, () -> {
                    checks.add(1);
                    return checks.size() > 5; // cancelled a few entries in
                }));
        WorkspaceTimes times = scan.times();
        assertThat(checks).hasSize(6);
        assertThat(shown(times, root.resolve("d0/f0"))).as("no partial result").isNull();
    }

    @Test
    void aRunTakesTheScanBegunEarlyForItsWorkspaceAndStartsWithIt() throws Exception {
        Set<String> hidden = Set.of(root.resolve("out.json").toString());
        WorkspaceScan.beginEarly(root, hidden);
        Thread.sleep(20);
        long setUp = WorkspaceScan.none().runStartNanos();
        WorkspaceScan taken = WorkspaceScan.forRun(root, hidden);
        assertThat(taken.runStartNanos()).as("the run started with the early scan").isLessThan(setUp);
        assertThat(WorkspaceScan.forRun(root, hidden).runStartNanos()).as("taken once: a second run scans anew")
                .isGreaterThanOrEqualTo(setUp);

        WorkspaceScan.beginEarly(root, hidden);
        Thread.sleep(20);
        setUp = WorkspaceScan.none().runStartNanos();
        assertThat(WorkspaceScan.forRun(root, Set.of()).runStartNanos()).as("other hidden paths: scanned anew")
                .isGreaterThanOrEqualTo(setUp);
        assertThat(WorkspaceScan.forRun(root, hidden).runStartNanos()).as("and the early scan is gone")
                .isGreaterThanOrEqualTo(setUp);
    }
}

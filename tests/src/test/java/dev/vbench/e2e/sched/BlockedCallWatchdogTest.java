package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A thread blocked in a call vbench lets the kernel run (a record lock another process holds),
 * while another thread has work: the watchdog lets the other run after its wall-clock limit, and
 * the run says it is not deterministic, naming the call. (A thread that computes for that long,
 * however slowly, is not blocked: the watchdog looks at its CPU time too.)
 */
class BlockedCallWatchdogTest {
    @Test
    void aThreadBlockedOnALockIsPreemptedAndTheRunSaysWhy() throws Exception {
        Path dir = Processes.scratch("flock");
        Path lock = dir.resolve("lock");
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = ch.lock();
            // released well after the watchdog's 5 s, so main must have gone on without the locker
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    held.release();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, CompletableFuture.delayedExecutor(9, TimeUnit.SECONDS));
            RunResult r = Vbench.runGuest(List.of("--counter", "none", "--summary"),
                    List.of(Guests.path("sched/flockwait"), lock.toString()));
            release.join();
            assertThat(r.exitCode()).as(r.describe()).isZero();
            // the order of the two lines depends on when the lock is released: the run is not deterministic
            assertThat(r.stdoutLines()).as(r.describe()).containsExactlyInAnyOrder("main done 1", "locked");
            assertThat(r.stderr()).as(r.describe()).contains("deterministic:         no")
                    .contains("stayed 5000 ms (wall time) in fcntl");
        }
    }
}

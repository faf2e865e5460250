package dev.vbench.e2e.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the other cores busy while determinism is checked: one {@code sh -c 'while :; do :; done'}
 * per extra core, killed on close. Noise on the host must not reach the guest.
 */
public final class CpuLoad implements AutoCloseable {
    private final List<Process> spinners = new ArrayList<>();

    private CpuLoad(int n) {
        try {
            for (int i = 0; i < n; i++) {
                spinners.add(new ProcessBuilder("sh", "-c", "while :; do :; done")
                        .redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** Loads all cores but one (at least one spinner). */
    public static CpuLoad otherCores() {
        return new CpuLoad(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    public boolean running() {
        return spinners.stream().allMatch(Process::isAlive);
    }

    @Override
    public void close() {
        for (Process p : spinners) {
            p.destroyForcibly();
        }
        for (Process p : spinners) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

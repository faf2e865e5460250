package dev.vbench.model.wall;

import dev.vbench.model.Stats;
import dev.vbench.model.corpus.CorpusPoint;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs calibration points natively and times them. Every point first runs {@code warmupRuns} times
 * unrecorded (page cache, dynamic loader caches, CPU frequency). Then, in each of {@code rounds}
 * rounds, every point runs {@code runsPerRound} times, all the round's runs in one order shuffled by
 * a seeded generator: interleaving spreads slow drifts of the machine (another engineer's build, a
 * thermal step) over all points instead of loading them onto whichever point ran then, and the seed
 * makes the order reproducible.
 *
 * <p>A run's time is from just before the process is started to its reaping, so it includes the
 * JVM's process start (about a millisecond), which the "processes" feature absorbs. ProcessBuilder
 * is safe here because calibration never runs natively while the ptrace supervisor is active in this
 * JVM (platform notes, pitfall 4). Output is discarded and stdin is /dev/null.
 */
public final class WallClockSampler implements WallTimeSource {

    /** One timed (or warm-up) run, in the order the runs happened. */
    public record Run(int round, int pointIndex, long nanos) {
        /** Rounds are numbered from 0; warm-up runs have round -1. */
        public boolean warmup() {
            return round < 0;
        }
    }

    /** Told of every run as it finishes: progress for the command line, the order for tests. */
    @FunctionalInterface
    public interface Listener {
        void onRun(Run run);
    }

    public record Settings(int warmupRuns, int rounds, int runsPerRound, Duration timeout, long seed) {
        public Settings {
            if (warmupRuns < 0 || rounds < 1 || runsPerRound < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("warm-up runs >= 0, rounds >= 1, runs per round >= 1 and a positive timeout, not "
                        + warmupRuns + ", " + rounds + ", " + runsPerRound + ", " + timeout);
            }
        }

        /** Five rounds of three runs after one warm-up, each run at most a minute. */
        public static Settings defaults() {
            return new Settings(1, 5, 3, Duration.ofMinutes(1), 0);
        }
    }

    private final Settings settings;
    private final Listener listener;

    public WallClockSampler(Settings settings) {
        this(settings, run -> { });
    }

    public WallClockSampler(Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public List<WallSample> measure(List<CorpusPoint> points) throws IOException, InterruptedException {
        int n = points.size();
        for (int w = 0; w < settings.warmupRuns(); w++) {
            for (int p = 0; p < n; p++) {
                listener.onRun(new Run(-1, p, runOnce(points.get(p))));
            }
        }
        List<Histogram> histograms = new ArrayList<>();
        List<double[]> roundMedians = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            histograms.add(new Histogram(3)); // auto-resizing: no upper bound to guess
            roundMedians.add(new double[settings.rounds()]);
        }
        Random order = new Random(settings.seed());
        for (int round = 0; round < settings.rounds(); round++) {
            List<Integer> schedule = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < settings.runsPerRound(); r++) {
                    schedule.add(p);
                }
            }
            Collections.shuffle(schedule, order);
            List<List<Double>> thisRound = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                thisRound.add(new ArrayList<>());
            }
            for (int p : schedule) {
                long nanos = runOnce(points.get(p));
                histograms.get(p).recordValue(nanos);
                thisRound.get(p).add((double) nanos);
                listener.onRun(new Run(round, p, nanos));
            }
            for (int p = 0; p < n; p++) {
                roundMedians.get(p)[round] = Stats.median(thisRound.get(p));
            }
        }
        List<WallSample> samples = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            samples.add(new WallSample(histograms.get(p), roundMedians.get(p)));
        }
        return samples;
    }

    /** Runs the point's command once; its wall time in nanoseconds (at least 1). */
    long runOnce(CorpusPoint point) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(point.argv())
                .directory(point.directory() == null ? null : point.directory().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(point.env());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new WallClockException(point.id() + ": cannot start " + point.argv() + ": " + e.getMessage(), e);
        }
        boolean finished;
        try {
            finished = process.waitFor(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        long nanos = System.nanoTime() - start;
        if (!finished) {
            kill(process);
            throw new WallClockException(point.id() + ": " + point.argv() + " did not finish within " + settings.timeout()
                    + "; killed");
        }
        if (process.exitValue() != 0) {
            throw new WallClockException(point.id() + ": " + point.argv() + " exited with status " + process.exitValue());
        }
        return Math.max(1, nanos);
    }

    /** Kills the run and whatever it started (a point that spawns must not leave children running). */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }
}

package dev.vbench.cli.bench;

import java.io.PrintStream;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a suite run: a bar (the progressbar library) on stderr when a person watches a
 * terminal, nothing otherwise; {@link #println} lines (one summary per benchmark) appear either way.
 *
 * <p>The bar is given the terminal's width, so the library never creates a jline terminal: jline
 * would start {@code stty} with ProcessBuilder to learn the width, and no child process may be
 * started while a guest is traced (the JDK's process reaper and the supervisor's waitpid(-1) steal
 * each other's events).
 */
public abstract class Progress implements AutoCloseable {

    /** Begins the work of one step (shown beside the bar), e.g. "qsort: run 2/3". */
    public abstract void begin(String what);

    /** The step begun last is done. */
    public abstract void done();

    /** A line that stays (a benchmark's summary). */
    public abstract void println(String line);

    @Override
    public abstract void close();

    /**
     * @param steps how many {@link #done()} calls the whole run makes
     * @param env   the process environment ({@code CI}, {@code COLUMNS}, {@code LANG})
     */
    public static Progress create(String task, long steps, Map<String, String> env, PrintStream err) {
        if (!Terminal.interactive(env)) {
            return new Lines(err);
        }
        return new Bar(task, steps, Terminal.width(env), utf8(env), err);
    }

    private static boolean utf8(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                return v.toUpperCase(java.util.Locale.ROOT).replace("-", "").contains("UTF8");
            }
        }
        return false;
    }

    /** No bar: only the lines. */
    static final class Lines extends Progress {
        private final PrintStream err;

        Lines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void begin(String what) {}

        @Override
        public void done() {}

        @Override
        public void println(String line) {
            err.println(line);
            err.flush();
        }

        @Override
        public void close() {}
    }

    /** A bar that redraws itself on one line of stderr. */
    static final class Bar extends Progress {
        private final PrintStream err;
        private final int width;
        private final ProgressBar bar;

        Bar(String task, long steps, int width, boolean unicode, PrintStream err) {
            this.err = err;
            this.width = width;
            this.bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(1, steps))
                    .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(width - 1)
                    .setConsumer(new Consumer(err, width - 1))
                    .build();
        }

        @Override
        public void begin(String what) {
            bar.setExtraMessage(what);
        }

        @Override
        public void done() {
            bar.step();
        }

        @Override
        public void println(String line) {
            // One print call: PrintStream locks per call, so the bar's thread cannot cut in.
            err.print("\r" + " ".repeat(width - 1) + "\r" + line + System.lineSeparator());
            err.flush();
            bar.refresh();
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Draws on one line and leaves it empty when the bar closes. */
    static final class Consumer extends ConsoleProgressBarConsumer {
        private final PrintStream err;
        private final int width;

        Consumer(PrintStream err, int width) {
            super(err, width);
            this.err = err;
            this.width = width;
        }

        @Override
        public void close() {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}

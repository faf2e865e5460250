package dev.vbench.cli;

import dev.vbench.baselines.history.ChangeDetector;
import dev.vbench.baselines.history.ChangePoint;
import dev.vbench.baselines.history.DatabaseUrl;
import dev.vbench.baselines.history.HistoryCsv;
import dev.vbench.baselines.history.HistoryException;
import dev.vbench.baselines.history.HistoryHtml;
import dev.vbench.baselines.history.HistoryQueries;
import dev.vbench.baselines.history.HistoryStore;
import dev.vbench.baselines.history.HistoryText;
import dev.vbench.baselines.history.Metric;
import dev.vbench.baselines.history.Provenance;
import dev.vbench.baselines.history.Revision;
import dev.vbench.baselines.history.Series;
import dev.vbench.baselines.history.Since;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.reports.io.AtomicFiles;
import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vbench history}: records results with their commit and branch in a database (SQLite file
 * by default, PostgreSQL for a team) and shows series and their change points. The logic lives in
 * the baselines module (dev.vbench.baselines.history); this class parses options, maps problems the
 * user can fix to exit 2 (one line, no stack trace) and prints.
 */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        description = "Record results by commit and branch; show series and their change points.",
        subcommands = {HistoryCommand.Record.class, HistoryCommand.Import.class, HistoryCommand.Show.class,
                HistoryCommand.Changes.class, HistoryCommand.Export.class},
        footerHeading = "%n",
        footer = {"The database is --db, else $" + DatabaseUrl.ENVIRONMENT_VARIABLE + ", else .vbench/history.db "
                + "under the working directory (SQLite). A PostgreSQL server: --db 'jdbc:postgresql://HOST:PORT/DB?user=U&password=P'.",
                "Exit codes: 0 ok; 2 bad usage or input, or a database that cannot be opened; 3 internal error."})
final class HistoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The --db option every subcommand takes. */
    static final class DbOption {
        @Option(names = "--db", paramLabel = "URL",
                description = "jdbc:sqlite:FILE, a file path, or jdbc:postgresql://HOST:PORT/DB?user=... "
                        + "(default: $" + DatabaseUrl.ENVIRONMENT_VARIABLE + ", else .vbench/history.db)")
        String db;

        DatabaseUrl url() {
            return guarded(() -> DatabaseUrl.resolve(db, HostEnvironment.get(), Path.of("").toAbsolutePath()));
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Record a result file at a commit, as of the file's revision.time if it has one, else now.",
                "Idempotent: the same result at the same commit and branch is recorded once."})
    static final class Record implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESULT", description = "A result file (vbench.result/1).")
        Path file;

        @Option(names = "--commit", required = true, paramLabel = "SHA", description = "The commit the result was measured at.")
        String commit;

        @Option(names = "--branch", paramLabel = "B",
                description = "Its branch (default: the file's revision.branch, else main).")
        String branch;

        @CommandLine.Mixin
        DbOption db;

        @Override
        public Integer call() {
            Result result = readResult(file);
            Revision revision = readRevision(file);
            Provenance provenance = guarded(() -> new Provenance(commit, orElse(branch, revision.branch(), "main"),
                    revision.time() != null ? revision.time() : Instant.now()));
            DatabaseUrl url = db.url();
            HistoryStore.Recorded recorded = guarded(() -> {
                try (HistoryStore store = HistoryStore.open(url, true)) {
                    return store.record(result, provenance);
                }
            });
            System.out.println((recorded.inserted() ? "recorded " : "already recorded, unchanged: ") + file + " at "
                    + provenance.commit() + " on " + provenance.branch() + " (" + recorded.benchmarks()
                    + (recorded.benchmarks() == 1 ? " benchmark" : " benchmarks") + ", id " + recorded.id() + ") in "
                    + url.masked());
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Back-fill the history from result files, oldest first.",
                "Each file's commit, branch and time come from its \"revision\" object "
                        + "({\"commit\": ..., \"branch\": ..., \"time\": \"2024-03-01T12:00:00Z\"}); "
                        + "--commit and --branch fill in what a file lacks. Files without a time are recorded "
                        + "in the order given."})
    static final class Import implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RESULT", description = "Result files (vbench.result/1).")
        List<Path> files = new ArrayList<>();

        @Option(names = "--commit", paramLabel = "SHA", description = "The commit of files whose revision has none.")
        String commit;

        @Option(names = "--branch", paramLabel = "B", description = "The branch of files whose revision has none (default: main).")
        String branch;

        @CommandLine.Mixin
        DbOption db;

        @Override
        public Integer call() {
            // Read and check every file before writing anything: a typo in the 40th file should not
            // leave 39 recorded and the rest not.
            List<Result> results = new ArrayList<>();
            List<Provenance> provenances = new ArrayList<>();
            for (Path file : files) {
                results.add(readResult(file));
                Revision revision = readRevision(file);
                String c = orElse(revision.commit(), commit, null);
                if (c == null) {
                    throw new UserError(file + ": no commit: the file has no revision.commit; give --commit");
                }
                provenances.add(guarded(() -> new Provenance(c, orElse(revision.branch(), branch, "main"),
                        revision.time() != null ? revision.time() : Instant.now())));
            }
            DatabaseUrl url = db.url();
            int[] inserted = {0};
            guarded(() -> {
                try (HistoryStore store = HistoryStore.open(url, true)) {
                    for (int i = 0; i < results.size(); i++) {
                        inserted[0] += store.record(results.get(i), provenances.get(i)).inserted() ? 1 : 0;
                    }
                }
                return null;
            });
            int already = results.size() - inserted[0];
            System.out.println("imported " + inserted[0] + (inserted[0] == 1 ? " result" : " results")
                    + (already > 0 ? " (" + already + " already recorded, unchanged)" : "") + " into " + url.masked());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a benchmark's series (one per branch) with its change points, as text or an HTML page.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The benchmark's name.")
        String name;

        @Option(names = "--metric", paramLabel = "M", defaultValue = "virtual_time_ns",
                description = "virtual_time_ns (default), calibrated_time_ns, wall_time_median_ns, wall_time_min_ns, "
                        + "wall_time_max_ns, or a count: instructions, branches_conditional, syscalls, ...")
        String metric;

        @Option(names = "--branch", paramLabel = "B", description = "Only this branch (default: every branch).")
        String branch;

        @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML page instead of text.")
        Path html;

        @CommandLine.Mixin
        DbOption db;

        @Override
        public Integer call() {
            DatabaseUrl url = db.url();
            ChangeDetector detector = new ChangeDetector();
            List<Series> series = guarded(() -> {
                try (HistoryStore store = HistoryStore.open(url, false)) {
                    return HistoryQueries.series(store, name, Metric.named(metric), branch);
                }
            });
            if (html == null) {
                System.out.print(HistoryText.series(series, detector));
                return ExitCodes.OK;
            }
            String page = HistoryHtml.page("vbench history: " + name + " " + metric, series, detector);
            try {
                AtomicFiles.write(html, out -> {
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    w.write(page);
                    w.flush();
                });
            } catch (IOException e) {
                throw new UserError("cannot write " + html + ": " + describe(e));
            }
            System.out.println("wrote " + html);
            return ExitCodes.OK;
        }
    }

    @Command(name = "changes", mixinStandardHelpOptions = true,
            description = {"List every change point: commit, benchmark, before, after, percent.",
                "Virtual time, calibrated time and counts of deterministic benchmarks are exact: every change is listed. "
                        + "Wall time (and any metric of a benchmark that was not deterministic) is tested with "
                        + "E-Divisive means, p <= 0.01."})
    static final class Changes implements Callable<Integer> {
        @Option(names = "--since", paramLabel = "SHA|DATE",
                description = "Only changes after this commit (a prefix of 4+ characters) or at/after this date "
                        + "(2024-03-01, UTC) or time (2024-03-01T12:00:00Z).")
        String since;

        @Option(names = "--branch", paramLabel = "B", description = "Only this branch (default: every branch).")
        String branch;

        @Option(names = "--metric", paramLabel = "M",
                description = "The metric (repeatable; default virtual_time_ns; 'all' for every one recorded).")
        List<String> metrics = new ArrayList<>();

        @CommandLine.Mixin
        DbOption db;

        @Override
        public Integer call() {
            DatabaseUrl url = db.url();
            Since from = since == null ? null : guarded(() -> Since.parse(since));
            List<ChangePoint> changes = guarded(() -> {
                try (HistoryStore store = HistoryStore.open(url, false)) {
                    return HistoryQueries.changes(store, HistoryQueries.metrics(store, metrics), branch, from,
                            new ChangeDetector());
                }
            });
            System.out.print(HistoryText.changes(changes));
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the history as CSV: one row per result and benchmark, with every metric and count.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FILE.csv", description = "Write to this file (atomically) instead of stdout.")
        Path out;

        @Option(names = "--branch", paramLabel = "B", description = "Only this branch.")
        String branch;

        @CommandLine.Mixin
        DbOption db;

        @Override
        public Integer call() {
            DatabaseUrl url = db.url();
            record Rows(List<HistoryStore.RunRow> rows, List<String> counts) {}
            Rows export = guarded(() -> {
                try (HistoryStore store = HistoryStore.open(url, false)) {
                    return new Rows(store.runs(branch), store.countNames());
                }
            });
            try {
                if (out == null) {
                    PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                    HistoryCsv.write(export.rows(), export.counts(), w);
                    w.flush();
                } else {
                    AtomicFiles.write(out, o -> {
                        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                        HistoryCsv.write(export.rows(), export.counts(), w);
                        w.flush();
                    });
                    System.err.println("vbench: wrote " + export.rows().size() + " rows to " + out);
                }
            } catch (IOException e) {
                throw new UserError("cannot write " + (out == null ? "stdout" : out) + ": " + describe(e));
            }
            return ExitCodes.OK;
        }
    }

    // --- shared ------------------------------------------------------------------------------------

    /** Runs {@code body}, turning a problem the user can fix into a one-line UserError (exit 2). */
    static <T> T guarded(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (HistoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    static Result readResult(Path file) {
        try {
            return ResultIO.read(file);
        } catch (ResultFormatException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(file + ": " + describe(e));
        }
    }

    static Revision readRevision(Path file) {
        try {
            return Revision.read(file);
        } catch (HistoryException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(file + ": " + describe(e));
        }
    }

    private static String orElse(String first, String second, String fallback) {
        return first != null ? first : second != null ? second : fallback;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}

package dev.vbench.cli;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.reports.format.ResultFormatFactory;
import dev.vbench.reports.format.ResultFormatType;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vbench baseline save|show|list|delete}: named results to compare against ({@code baseline:NAME}). */
@Command(name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Keep named results (baselines) to compare against as baseline:NAME.",
        subcommands = {BaselineCommand.Save.class, BaselineCommand.Show.class, BaselineCommand.ListCommand.class,
                BaselineCommand.Delete.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad usage or input (invalid name, no such baseline, unreadable result)",
                "3:internal error"})
final class BaselineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }

    /** {@code --dir DIR}, shared by every subcommand. */
    static final class Dir {
        @Option(names = "--dir", paramLabel = "DIR", description = "The baseline directory (default .vbench/baselines).")
        Path dir = BaselineStore.DEFAULT_DIR;

        BaselineStore store() {
            return new BaselineStore(dir);
        }
    }

    static String name(String name) {
        try {
            return BaselineStore.validateName(name);
        } catch (BaselineStore.InvalidNameException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Save RESULT (a file, '-' or baseline:OTHER) as baseline NAME, replacing any of that name.")
    static final class Save implements Callable<Integer> {
        @Mixin
        Dir dir;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "RESULT")
        String result;

        @Override
        public Integer call() {
            name(name);
            Result r = ResultSources.standard(dir.dir).load("RESULT", result).result();
            try {
                Path file = dir.store().save(name, r);
                System.err.println("vbench: saved baseline '" + name + "' (" + r.benchmarks().size()
                        + (r.benchmarks().size() == 1 ? " benchmark" : " benchmarks") + ") in " + file);
            } catch (IOException e) {
                throw new UserError("cannot save baseline '" + name + "' in " + dir.dir + ": " + e);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print baseline NAME.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Dir dir;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--format", paramLabel = "F", defaultValue = "text",
                description = "text, markdown, csv, json, html, bencher or github-action-benchmark. Default: ${DEFAULT-VALUE}.")
        String format;

        @Override
        public Integer call() {
            name(name);
            ResultFormatType type = CompareCommand.parse("--format", () -> ResultFormatType.parse(format));
            Result r = ResultSources.standard(dir.dir).load("NAME", "baseline:" + name).result();
            Outputs.write(null, "", w -> ResultFormatFactory.of(type).writeOut(r, w));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the baselines: name, number of benchmarks, when saved (UTC).")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Dir dir;

        @Override
        public Integer call() {
            List<BaselineStore.Entry> entries;
            try {
                entries = dir.store().list();
            } catch (IOException e) {
                throw new UserError("cannot list " + dir.dir + ": " + e);
            }
            if (entries.isEmpty()) {
                System.err.println("vbench: no baselines in " + dir.dir);
                return ExitCodes.OK;
            }
            int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            StringBuilder sb = new StringBuilder();
            for (BaselineStore.Entry e : entries) {
                String count;
                try {
                    int n = dir.store().load(e.name()).benchmarks().size();
                    count = n + (n == 1 ? " benchmark" : " benchmarks");
                } catch (IOException unreadable) {
                    count = "unreadable: " + unreadable.getMessage();
                }
                sb.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %s  %s%n", e.name(),
                        e.saved().toInstant().truncatedTo(ChronoUnit.SECONDS), count));
            }
            System.out.print(sb);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete baseline NAME.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        Dir dir;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            name(name);
            try {
                dir.store().delete(name);
            } catch (IOException e) {
                throw new UserError(e.getMessage());
            }
            System.err.println("vbench: deleted baseline '" + name + "'");
            return ExitCodes.OK;
        }
    }
}

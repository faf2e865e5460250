package dev.vbench.cli;

import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.merge.MergeException;
import dev.vbench.reports.merge.ResultMerge;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vbench merge SHARD.json... --out ALL.json}: the shards of one suite run joined in suite order. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the results of `vbench bench --shard K/N` (every K of one N) into the result an "
                + "unsharded run writes: the benchmarks in the suite's order, byte for byte the same.",
                "Refuses (exit 2) results of different suite files, filters or splits, a missing or repeated "
                        + "shard, and results measured in different environments (host aside). "
                        + "Exit 1 if a merged benchmark was not deterministic or failed."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SHARD.json", description = "Results of the shards.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "ALL.json", description = "Where to write the merged result.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<ResultMerge.Input> results = new ArrayList<>();
        for (Path in : inputs) {
            try {
                results.add(new ResultMerge.Input(in.toString(), ResultIO.read(in)));
            } catch (NoSuchFileException e) {
                throw new UserError(in + ": no such file");
            } catch (ResultFormatException e) {
                throw new UserError(e.getMessage());
            }
        }
        Result merged;
        try {
            merged = ResultMerge.merge(results);
        } catch (MergeException e) {
            throw new UserError("cannot merge: " + e.getMessage());
        }
        ResultFiles.write(merged, out, "--out", ExitCodes.USAGE);
        long failed = merged.benchmarks().stream().filter(b -> !SuiteRunner.passed(b)).count();
        System.err.println("vbench: merged " + inputs.size() + " result" + (inputs.size() == 1 ? "" : "s") + ", "
                + merged.benchmarks().size() + " benchmarks" + (failed > 0 ? " (" + failed + " not deterministic or failed)" : "")
                + " into " + out);
        return failed == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }
}

package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub-flavoured Markdown for PR comments and job summaries: a results table (one row per
 * benchmark), then a counters table, then any notes. Numeric columns are right-aligned.
 */
public final class MarkdownFormat implements ResultFormat {

    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        out.write("## vbench result\n\n");
        out.write(environmentLine(result) + "\n\n");

        out.write("| benchmark | exit | virtual time (ns) | virtual time | runs | deterministic | wall median |\n");
        out.write("|:--|--:|--:|--:|--:|:--|--:|\n");
        for (Benchmark b : result.benchmarks()) {
            row(out, b.name(), Integer.toString(b.exitStatus()), Numbers.grouped(b.virtualTimeNs()),
                    Numbers.duration(b.virtualTimeNs()), Integer.toString(b.runs()), Numbers.yesNo(b.deterministic()),
                    b.wallTimeNs() == null ? Numbers.NOT_MEASURED : Numbers.duration(b.wallTimeNs().median()));
        }

        out.write("\n### Counters\n\n");
        out.write("| benchmark | instructions | conditional branches | indirect branches | syscalls |\n");
        out.write("|:--|--:|--:|--:|--:|\n");
        for (Benchmark b : result.benchmarks()) {
            Counters c = b.counters();
            row(out, b.name(), Numbers.grouped(c.instructions()), Numbers.grouped(c.branchesConditional()),
                    Numbers.grouped(c.branchesIndirect()), Numbers.grouped(c.syscalls()));
        }

        List<String> notes = notes(result);
        if (!notes.isEmpty()) {
            out.write("\n### Notes\n\n");
            for (String note : notes) {
                out.write("- " + note + "\n");
            }
        }
    }

    private static void row(Writer out, String... cells) throws IOException {
        StringBuilder sb = new StringBuilder("|");
        for (String cell : cells) {
            sb.append(' ').append(Escape.markdownCell(cell)).append(" |");
        }
        out.write(sb.append('\n').toString());
    }

    private static String environmentLine(Result result) {
        Environment e = result.environment();
        // Plain text, not `code`: backslash escapes are shown literally inside code spans.
        return "counter " + Escape.markdownCell(Numbers.orNA(e.counter())) + ", model "
                + Escape.markdownCell(Numbers.orNA(e.model())) + ", seed " + e.seed()
                + ", sched seed " + e.schedSeed() + ", " + e.cpus() + " CPUs";
    }

    /** Why a benchmark is not deterministic matters more than its numbers, so it is listed, not hidden. */
    private static List<String> notes(Result result) {
        List<String> notes = new ArrayList<>();
        for (Benchmark b : result.benchmarks()) {
            String name = "**" + Escape.markdownCell(b.name()) + "**: ";
            if (b.deterministicReason() != null) {
                notes.add(name + Escape.markdownCell(b.deterministicReason()));
            }
            for (String note : b.notes()) {
                notes.add(name + Escape.markdownCell(note));
            }
        }
        return notes;
    }
}

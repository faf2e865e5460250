package dev.vbench.reports.format;

import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Mismatch;
import dev.vbench.reports.compare.Row;
import dev.vbench.reports.compare.Verdict;
import java.io.IOException;
import java.io.Writer;

/**
 * JUnit XML in the common Ant/Jenkins shape, so any CI shows a comparison as tests: one
 * {@code <testsuite>} with one {@code <testcase>} per benchmark (classname {@code vbench.METRIC}).
 * Regressed, nondeterministic, failed and not-measured benchmarks carry a {@code <failure>} whose
 * {@code type} is the verdict and whose message says what changed or why; removed ones are
 * {@code <skipped>}; the rest pass. The suite's properties say what was compared and any allowed
 * platform difference. No timestamps or host names: the same comparison gives the same bytes.
 */
public final class CompareJunitFormat implements ComparisonFormat {

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        int failures = 0;
        int skipped = 0;
        for (Row r : c.rows()) {
            failures += r.verdict().failsGate() ? 1 : 0;
            skipped += r.verdict() == Verdict.REMOVED ? 1 : 0;
        }
        String suite = "vbench compare " + c.metric().name();
        StringBuilder sb = new StringBuilder(512 + c.rows().size() * 160);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"vbench\" tests=\"").append(c.rows().size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"0\">\n");
        sb.append("  <testsuite name=\"").append(Escape.xml(suite)).append("\" tests=\"").append(c.rows().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" time=\"0\">\n");
        sb.append("    <properties>\n");
        property(sb, "base", c.baseLabel());
        property(sb, "new", c.newLabel());
        property(sb, "metric", c.metric().name());
        property(sb, "unit", c.metric().unit());
        property(sb, "threshold", c.threshold().toString());
        property(sb, "summary", c.summaryLine());
        for (Mismatch m : c.mismatches()) {
            property(sb, "platform_mismatch", m.describe());
        }
        sb.append("    </properties>\n");
        String classname = Escape.xml("vbench." + c.metric().name());
        for (Row r : c.rows()) {
            sb.append("    <testcase classname=\"").append(classname).append("\" name=\"").append(Escape.xml(r.name()))
                    .append("\" time=\"0\"");
            if (r.verdict().failsGate()) {
                sb.append(">\n      <failure type=\"").append(r.verdict().jsonName()).append("\" message=\"")
                        .append(Escape.xml(message(c, r))).append("\">").append(Escape.xml(details(c, r)))
                        .append("</failure>\n    </testcase>\n");
            } else if (r.verdict() == Verdict.REMOVED) {
                sb.append(">\n      <skipped message=\"removed: only in the base result\"/>\n    </testcase>\n");
            } else {
                sb.append(">\n      <system-out>").append(Escape.xml(message(c, r))).append("</system-out>\n    </testcase>\n");
            }
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        out.write(sb.toString());
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(Escape.xml(name)).append("\" value=\"").append(Escape.xml(value))
                .append("\"/>\n");
    }

    /** "regressed: +0.30% (1,000 -> 1,003 ns; threshold 0.2%)" or "failed: new: timed out". */
    static String message(Comparison c, Row r) {
        String values = Numbers.grouped(r.base()) + " -> " + Numbers.grouped(r.current()) + " " + c.metric().unit();
        return switch (r.verdict()) {
            case REGRESSED, IMPROVED, UNCHANGED -> r.verdict().label() + ": " + CompareTextFormat.change(r) + " ("
                    + values + "; threshold " + r.threshold() + ")";
            case ADDED -> "added: " + Numbers.grouped(r.current()) + " " + c.metric().unit();
            case REMOVED -> "removed: only in the base result";
            case FAILED, NONDETERMINISTIC, NOT_MEASURED -> r.verdict().label() + ": " + r.reason();
        };
    }

    private static String details(Comparison c, Row r) {
        return c.metric().name() + " base " + Numbers.grouped(r.base()) + ", new " + Numbers.grouped(r.current())
                + ", delta " + Numbers.signed(r.delta()) + " (" + CompareTextFormat.change(r) + "), threshold "
                + r.threshold() + (r.reason() == null ? "" : "\n" + r.reason());
    }
}

package dev.vbench.reports.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's profile in callgrind's profile format (the one {@code callgrind_annotate} and
 * KCachegrind read): per function its exclusive costs on its entry line, and per call edge the
 * calls and the callee's inclusive cost. Events: {@code Ir} (instructions), {@code Bc}
 * (conditional branches), {@code Bi} (indirect branches), {@code Sys} (system calls), as far as
 * the profile counts them. {@code summary} and {@code totals} are the sum of the exclusive costs,
 * which equals the benchmark's counted totals.
 */
public final class CallgrindExport {
    private CallgrindExport() {}

    public static void write(Profile profile, BenchmarkProfile b, Writer out) throws IOException {
        ProfileAnalysis a = new ProfileAnalysis(b);
        List<String> events = new ArrayList<>();
        for (String c : profile.counts()) {
            events.add(switch (c) {
                case "instructions" -> "Ir";
                case "branches_conditional" -> "Bc";
                case "branches_indirect" -> "Bi";
                case "syscalls" -> "Sys";
                default -> c.replaceAll("[^A-Za-z0-9_]", "_");
            });
        }
        long[] total = a.total();
        out.write("# callgrind format\nversion: 1\ncreator: vbench\n");
        out.write("cmd: " + oneLine(b.name()) + "\n");
        out.write("positions: line\nevents: " + String.join(" ", events) + "\n");
        out.write("summary: " + costs(total) + "\n\n");
        Map<Integer, long[]> self = a.exclusive();
        List<ProfileAnalysis.Edge> edges = a.edges();
        for (int f = 0; f < b.functions().size(); f++) {
            long[] s = self.get(f);
            FunctionInfo fi = b.functions().get(f);
            if (s == null && !hasCalls(edges, f)) {
                continue;
            }
            out.write("ob=" + oneLine(fi.object()) + "\nfl=" + file(fi) + "\nfn=" + oneLine(fi.name()) + "\n");
            out.write(fi.line() + " " + costs(s == null ? new long[total.length] : s) + "\n");
            for (ProfileAnalysis.Edge e : edges) {
                if (e.caller() != f) {
                    continue;
                }
                FunctionInfo callee = b.functions().get(e.callee());
                out.write("cob=" + oneLine(callee.object()) + "\ncfi=" + file(callee) + "\ncfn=" + oneLine(callee.name()) + "\n");
                out.write("calls=" + e.calls() + " " + callee.line() + "\n");
                out.write(fi.line() + " " + costs(e.inclusive()) + "\n");
            }
            out.write("\n");
        }
        out.write("totals: " + costs(total) + "\n");
    }

    private static boolean hasCalls(List<ProfileAnalysis.Edge> edges, int f) {
        return edges.stream().anyMatch(e -> e.caller() == f);
    }

    private static String file(FunctionInfo f) {
        return f.file().isEmpty() ? "???" : oneLine(f.file());
    }

    private static String costs(long[] c) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            s.append(i == 0 ? "" : " ").append(c[i]);
        }
        return s.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}

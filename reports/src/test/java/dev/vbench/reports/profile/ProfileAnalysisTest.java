package dev.vbench.reports.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileAnalysisTest {
    static final FunctionInfo MAIN = new FunctionInfo("main", "/a/prog", "prog.c", 10);
    static final FunctionInfo REC = new FunctionInfo("rec", "/a/prog", "prog.c", 3);
    static final FunctionInfo LEAF = new FunctionInfo("leaf", "/usr/lib/libc.so.6", "", 0);

    /** main(5) -> rec(7) -> rec(11) -> leaf(13); main -> leaf(17); costs [instructions, syscalls]. */
    static BenchmarkProfile sample(long leafUnderRec) {
        ProfileBuilder b = new ProfileBuilder(2);
        int main = b.child(-1, b.function(MAIN));
        b.add(main, 1, new long[] {5, 1});
        int r1 = b.child(main, b.function(REC));
        b.add(r1, 1, new long[] {7, 0});
        int r2 = b.child(r1, b.function(REC));
        b.add(r2, 1, new long[] {11, 0});
        int l1 = b.child(r2, b.function(LEAF));
        b.add(l1, 2, new long[] {leafUnderRec, 2});
        int l2 = b.child(main, b.function(LEAF));
        b.add(l2, 1, new long[] {17, 0});
        return b.build("bench", b.sums(), 1, 1, List.of());
    }

    @Test
    void exclusiveAndInclusiveCountRecursionOnce() {
        BenchmarkProfile p = sample(13);
        ProfileAnalysis a = new ProfileAnalysis(p);
        Map<Integer, long[]> ex = a.exclusive();
        Map<Integer, long[]> in = a.inclusive();
        assertThat(ex.get(1)).containsExactly(18, 0); // rec: 7 + 11
        assertThat(in.get(1)).containsExactly(31, 2); // rec's outermost subtree only: 7 + 11 + 13
        assertThat(in.get(0)).containsExactly(53, 3); // main: everything
        assertThat(in.get(2)).containsExactly(30, 2); // leaf: 13 + 17
        assertThat(a.total()).containsExactly(53, 3);
        assertThat(a.edges()).extracting(e -> e.caller() + ">" + e.callee() + ":" + e.calls() + ":" + e.inclusive()[0])
                .containsExactly("0>1:1:31", "1>1:1:24", "1>2:2:13", "0>2:1:17");
    }

    @Test
    void diffPutsTheLargestExclusiveChangeFirstAndZeroForTheUnchanged() {
        Profile prices = new Profile(Profile.SCHEMA, List.of("instructions", "syscalls"), Map.of("syscalls", 10_000.0), List.of());
        var v = ProfileDiff.Valuation.of("instructions", prices);
        // the new build lives elsewhere: functions match by object file name and symbol
        BenchmarkProfile base = sample(13);
        ProfileBuilder nb = new ProfileBuilder(2);
        FunctionInfo main = new FunctionInfo("main", "/b/prog", "prog.c", 10);
        int m = nb.child(-1, nb.function(main));
        nb.add(m, 1, new long[] {5, 1});
        int r1 = nb.child(m, nb.function(new FunctionInfo("rec", "/b/prog", "prog.c", 3)));
        nb.add(r1, 1, new long[] {7, 0});
        int r2 = nb.child(r1, nb.function(new FunctionInfo("rec", "/b/prog", "prog.c", 3)));
        nb.add(r2, 1, new long[] {11, 0});
        int l1 = nb.child(r2, nb.function(LEAF));
        nb.add(l1, 2, new long[] {113, 2});
        int l2 = nb.child(m, nb.function(LEAF));
        nb.add(l2, 1, new long[] {17, 0});
        BenchmarkProfile now = nb.build("bench", nb.sums(), 1, 1, List.of());
        List<ProfileDiff.FunctionDelta> d = ProfileDiff.diff(base, now, v);
        assertThat(d.get(0).function().name()).isEqualTo("leaf");
        assertThat(d.get(0).exclusiveDelta()).containsExactly(100, 0);
        assertThat(d).extracting(x -> x.function().name() + "=" + x.exclusiveDelta()[0] + "/" + x.inclusiveDelta()[0])
                .containsExactly("leaf=100/100", "main=0/100", "rec=0/100");
        long total = v.value().applyAsLong(now.totals()) - v.value().applyAsLong(base.totals());
        assertThat(d.stream().mapToLong(x -> x.exclusiveDelta()[0]).sum()).isEqualTo(total).isEqualTo(100);
        var vt = ProfileDiff.Valuation.of("virtual_time", prices);
        assertThat(vt.value().applyAsLong(now.totals())).isEqualTo(30_000);
        assertThatThrownBy(() -> ProfileDiff.Valuation.of("cycles", prices)).hasMessageContaining("no count 'cycles'");
    }

    @Test
    void callgrindExportCarriesSelfCostsCallsAndTotals() throws Exception {
        Profile p = new Profile(Profile.SCHEMA, List.of("instructions", "syscalls"), Map.of(), List.of(sample(13)));
        StringWriter w = new StringWriter();
        CallgrindExport.write(p, p.benchmarks().get(0), w);
        String out = w.toString();
        assertThat(out).startsWith("# callgrind format\nversion: 1\n").contains("events: Ir Sys\n")
                .contains("summary: 53 3\n").endsWith("totals: 53 3\n")
                .contains("fn=rec\n3 18 0\n").contains("cfn=leaf\ncalls=2 0\n3 13 2\n");
    }

    @Test
    void speedscopeSamplesAreTheNodesWithTheirStacks() throws Exception {
        Profile p = new Profile(Profile.SCHEMA, List.of("instructions", "syscalls"), Map.of(), List.of(sample(13)));
        StringWriter w = new StringWriter();
        SpeedscopeExport.write(p, p.benchmarks().get(0), w);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.toString());
        assertThat(json.get("$schema").asText()).isEqualTo("https://www.speedscope.app/file-format-schema.json");
        var prof = json.get("profiles").get(0);
        assertThat(prof.get("type").asText()).isEqualTo("sampled");
        assertThat(prof.get("endValue").asLong()).isEqualTo(53);
        assertThat(prof.get("samples").get(3).toString()).isEqualTo("[0,1,1,2]");
        assertThat(prof.get("weights").toString()).isEqualTo("[5,7,11,13,17]");
        assertThat(json.get("shared").get("frames").get(0).get("name").asText()).isEqualTo("main [prog]");
    }

    @Test
    void profileFilesRoundTripAndAreRefusedWhenForeign(@TempDir Path dir) throws Exception {
        Profile p = new Profile(Profile.SCHEMA, List.of("instructions", "syscalls"), Map.of("syscalls", 1.0), List.of(sample(13)));
        Path f = dir.resolve("p.json");
        byte[] bytes = ProfileIO.bytes(p);
        String sha = ProfileIO.write(bytes, f);
        assertThat(sha).isEqualTo(ProfileIO.sha256(Files.readAllBytes(f)));
        Profile back = ProfileIO.read(f);
        assertThat(back.benchmark("bench").nodes()).hasSize(5);
        assertThat(ProfileIO.bytes(back)).isEqualTo(bytes);
        Files.writeString(f, "{\"schema\":\"vbench.result/1\"}");
        assertThatThrownBy(() -> ProfileIO.read(f)).hasMessageContaining("is not vbench.profile/1");
        Files.writeString(f, "{\"schema\":\"vbench.profile/1\",\"benchmarks\":[{\"name\":\"x\",\"functions\":[],"
                + "\"nodes\":[[5,0,0,1]]}]}");
        assertThatThrownBy(() -> ProfileIO.read(f)).hasMessageContaining("not a vbench profile");
    }

    @Test
    void flameGraphFramesAreLaidOutByInclusiveValueAndCarryTheBase() {
        Profile prices = new Profile(Profile.SCHEMA, List.of("instructions", "syscalls"), Map.of(), List.of());
        var v = ProfileDiff.Valuation.of("instructions", prices);
        DiffFlameGraph g = DiffFlameGraph.of("bench", sample(13), sample(113), v, 0.0);
        assertThat(g.newTotal()).isEqualTo(153);
        assertThat(g.baseTotal()).isEqualTo(53);
        double[] main = g.frames().get(0);
        assertThat(main[0]).isEqualTo(0.0);
        assertThat(main[1]).isEqualTo(1.0);
        assertThat(main[3]).isEqualTo(53);
        assertThat(main[4]).isEqualTo(153);
        double[] leafUnderMain = g.frames().get(4);
        assertThat(g.names().get((int) leafUnderMain[5])).isEqualTo("leaf");
        assertThat(leafUnderMain[3]).isEqualTo(leafUnderMain[4]).isEqualTo(17); // unchanged path
        assertThat(leafUnderMain[0]).isEqualTo(131.0 / 153, org.assertj.core.data.Offset.offset(1e-9));
    }
}

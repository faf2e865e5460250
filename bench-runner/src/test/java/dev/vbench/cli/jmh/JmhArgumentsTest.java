package dev.vbench.cli.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhArgumentsTest {
    private static final List<String> DEFAULTS = List.of("-f", "0", "-bm", "ss", "-bs", "1000", "-wbs", "1000", "-wi", "10",
            "-i", "5", "-tu", "ns", "-foe", "true");

    @Test
    void withoutOptionsTheGuestRunsFixedWorkSingleShotBatchesInItsOwnJvm() {
        JmhArguments a = JmhArguments.parse(List.of());
        assertThat(a.settings()).containsExactlyElementsOf(DEFAULTS);
        assertThat(a.timeBased()).isFalse();
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(defaults());
        expected.addAll(List.of("-jar", "b.jar", "-f", "0", "-bm", "ss", "-bs", "1000", "-wbs", "1000",
                "-wi", "10", "-i", "5", "-tu", "ns", "-foe", "true", "-rf", "json", "-rff", "/tmp/r.json", "^\\Qp.C.m\\E$"));
        assertThat(a.guestCommand("b.jar", "p.C.m", Map.of(), "/tmp/r.json")).containsExactlyElementsOf(expected);
    }

    /** The JVM options vbench adds for the java on this machine's PATH. */
    private static List<String> defaults() {
        return JmhArguments.jvmDefaults(GuestJava.featureRelease("java"));
    }

    @Test
    void g1sRememberedSetSamplingIsPutOffForTheReleasesThatHaveIt() {
        assertThat(JmhArguments.jvmDefaults(17)).containsSubsequence(JmhArguments.JVM_DEFAULTS)
                .endsWith(JmhArguments.G1_SAMPLING_OFF);
        assertThat(JmhArguments.jvmDefaults(8)).endsWith(JmhArguments.G1_SAMPLING_OFF);
        assertThat(JmhArguments.jvmDefaults(20)).isEqualTo(JmhArguments.JVM_DEFAULTS);
        assertThat(JmhArguments.jvmDefaults(21)).isEqualTo(JmhArguments.JVM_DEFAULTS);
        assertThat(JmhArguments.jvmDefaults(-1)).as("unknown: nothing a newer JVM would refuse").isEqualTo(JmhArguments.JVM_DEFAULTS);
    }

    @Test
    void theGuestJavasReleaseComesFromItsJdksReleaseFile(@TempDir Path dir)
            throws Exception {
        Path jdk17 = jdk(dir.resolve("jdk17"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n");
        Path jdk8 = jdk(dir.resolve("jdk8"), "JAVA_VERSION=\"1.8.0_402\"\n");
        Path bare = dir.resolve("bare/bin/java");
        Files.createDirectories(bare.getParent());
        Files.createFile(bare);
        bare.toFile().setExecutable(true);
        assertThat(GuestJava.featureRelease(jdk17.toString())).isEqualTo(17);
        assertThat(GuestJava.featureRelease(jdk8.toString())).isEqualTo(8);
        assertThat(GuestJava.featureRelease(bare.toString())).as("no release file").isEqualTo(-1);
        assertThat(GuestJava.featureRelease(dir.resolve("none/bin/java").toString())).isEqualTo(-1);
        assertThat(GuestJava.featureRelease("no-such-java-on-the-path")).isEqualTo(-1);
        assertThat(JmhArguments.parse(List.of("-jvm", jdk17.toString())).guestCommand("b.jar", "p.C.m", Map.of(), "r.json"))
                .contains(JmhArguments.G1_SAMPLING_OFF);
    }

    private static Path jdk(Path home, String release) throws IOException {
        Path program = home.resolve("bin/java");
        Files.createDirectories(program.getParent());
        Files.createFile(program);
        program.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), release);
        return program;
    }

    @Test
    void jmhsCompilerHintsGoToTheGuestJvmOnlyWhenJmhDoesNotFork() {
        List<String> embedded = JmhArguments.parse(List.of()).guestCommand("b.jar", "p.C.m", Map.of(), "r.json", "/tmp/h");
        assertThat(embedded.get(1 + defaults().size())).isEqualTo("-XX:CompileCommandFile=/tmp/h");
        List<String> forked = JmhArguments.parse(List.of("-f", "1")).guestCommand("b.jar", "p.C.m", Map.of(), "r.json", "/tmp/h");
        assertThat(forked).noneMatch(a -> a.startsWith("-XX:CompileCommandFile"));
    }

    @Test
    void theUsersOptionsReplaceDefaultsInPlaceAndTheBatchSizeAlsoSetsTheWarmupBatch() {
        JmhArguments a = JmhArguments.parse(List.of("-bs", "50", "-i=3", "-prof", "gc"));
        assertThat(a.settings()).containsExactly("-f", "0", "-bm", "ss", "-bs", "50", "-wbs", "50", "-wi", "10", "-i", "3",
                "-tu", "ns", "-foe", "true", "-prof", "gc");
    }

    @Test
    void aTimeBasedModeGetsShortVirtualIterationsInsteadOfBatches() {
        JmhArguments a = JmhArguments.parse(List.of("-bm", "avgt"));
        assertThat(a.timeBased()).isTrue();
        assertThat(a.settings()).containsExactly("-f", "0", "-bm", "avgt", "-w", "100ms", "-r", "100ms", "-wi", "10", "-i", "5",
                "-tu", "ns", "-foe", "true");
    }

    @Test
    void regexpsSelectForTheListingParamsAndJvmArgsGoWhereTheyTakeEffect() {
        JmhArguments a = JmhArguments.parse(List.of("Foo", "-p", "n=1,2", "-jvmArgs", "-Xmx1g -Dx=y", "-e", "Slow", "Bar"));
        assertThat(a.includes()).containsExactly("Foo", "Bar");
        assertThat(a.params()).containsEntry("n", List.of("1", "2"));
        assertThat(a.listingArguments()).containsExactly("-e", "Slow", "Foo", "Bar", "-lp");
        List<String> cmd = a.guestCommand("b.jar", "p.Foo.m", Map.of("n", "2"), "r.json");
        int afterDefaults = 1 + defaults().size();
        assertThat(cmd.subList(afterDefaults, afterDefaults + 3)).containsExactly("-Xmx1g", "-Dx=y", "-jar");
        assertThat(cmd).containsSequence("-p", "n=2").doesNotContain("Foo", "Bar", "-e", "Slow", "n=1,2");
    }

    @Test
    void refusesWhatVbenchOwnsListingsUnknownOptionsAndRepeats() {
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-rf", "csv"))).hasMessageContaining("-rf is vbench's");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-rff", "x.json"))).hasMessageContaining("--out");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-l"))).hasMessageContaining("lists");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-zz", "1"))).hasMessageContaining("unknown JMH option -zz");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-i", "1", "-i", "2"))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-i"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> JmhArguments.parse(List.of("-p", "novalue"))).hasMessageContaining("NAME=VALUE");
    }
}

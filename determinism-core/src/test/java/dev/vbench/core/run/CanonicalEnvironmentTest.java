package dev.vbench.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalEnvironmentTest {
    private static final Map<String, String> HOST = Map.of(
            "PATH", "/host/bin", "PWD", "/some/long/working/dir", "TERM", "xterm-256color", "ZED", "z", "ALPHA", "a");

    @Test
    void defaultsAreTheDocumentedCanonicalEnvironmentInOrder() {
        assertThat(CanonicalEnvironment.build(HOST, false, List.of())).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/tmp",
                "LANG=C.UTF-8",
                "TZ=UTC",
                "USER=root",
                "LOGNAME=root",
                "SHELL=/bin/sh");
    }

    @Test
    void hostVariablesDoNotLeakByDefault() {
        List<String> env = CanonicalEnvironment.build(HOST, false, List.of());
        assertThat(env).noneMatch(e -> e.startsWith("PWD=") || e.startsWith("TERM=") || e.startsWith("ZED="));
    }

    @Test
    void overridesReplaceInPlaceAndNewOnesComeLast() {
        List<String> env = CanonicalEnvironment.build(HOST, false, List.of("TZ=Europe/Paris", "FOO=bar=baz", "EMPTY="));
        assertThat(env).hasSize(9);
        assertThat(env.get(3)).isEqualTo("TZ=Europe/Paris");
        assertThat(env.subList(7, 9)).containsExactly("FOO=bar=baz", "EMPTY=");
    }

    @Test
    void laterOverridesWin() {
        List<String> env = CanonicalEnvironment.build(HOST, false, List.of("X=1", "X=2"));
        assertThat(env).contains("X=2").doesNotContain("X=1");
    }

    @Test
    void badPairsAreRefusedWithTheOptionName() {
        for (String bad : new String[] {"NOEQUALS", "=value", ""}) {
            assertThatThrownBy(() -> CanonicalEnvironment.build(HOST, false, List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment entries are NAME=VALUE, not '" + bad + "'");
        }
    }

    @Test
    void hostPassthroughIsSortedByNameAndTakesOverrides() {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("ZED", "z");
        host.put("PATH", "/host/bin");
        host.put("ALPHA", "a");
        List<String> env = CanonicalEnvironment.build(host, true, List.of("PATH=/mine", "NEW=1"));
        assertThat(env).containsExactly("ALPHA=a", "PATH=/mine", "ZED=z", "NEW=1");
    }

    @Test
    void hostPassthroughDoesNotAddCanonicalDefaults() {
        List<String> env = CanonicalEnvironment.build(Map.of("ONLY", "1"), true, List.of());
        assertThat(env).containsExactly("ONLY=1");
    }

    @Test
    void defaultsMapIsImmutable() {
        assertThatThrownBy(() -> CanonicalEnvironment.DEFAULTS.put("X", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

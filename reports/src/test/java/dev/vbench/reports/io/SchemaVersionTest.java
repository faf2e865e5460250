package dev.vbench.reports.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaVersionTest {
    @ParameterizedTest
    @ValueSource(strings = {"vbench.result/1", "vbench.result/1.0", "vbench.result/1.27"})
    void acceptsMajorOneAndItsMinors(String schema) {
        assertThat(SchemaVersion.isSupported(schema)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vbench.result/2", "vbench.result/2.0", "vbench.result/10", "vbench.result/0",
            "vbench.result/", "vbench.result/1.", "vbench.result/1.x", "vbench.result/11", "VBENCH.RESULT/1",
            "vbench.result/1 ", "jmh/1", "", "vbench.result/99999999999999999999"})
    void rejectsEverythingElse(String schema) {
        assertThat(SchemaVersion.isSupported(schema)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vbench.result/2", "vbench.result/2.3"})
    void reportsTheMajor(String schema) {
        assertThat(SchemaVersion.major(schema)).isEqualTo(2);
    }
}

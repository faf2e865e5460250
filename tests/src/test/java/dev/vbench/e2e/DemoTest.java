package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench demo}, the README's first command: both parts of its story. (It takes about 5 s here;
 * its duration is not asserted, the machine is shared.)
 */
class DemoTest {
    @Test
    void theDemoShowsDeterminismAndFlagsTheOnePercentRegression() {
        RunResult r = Vbench.run(List.of("demo"), Map.of("CI", "true"), null, Duration.ofSeconds(120));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("0 differ under vbench.")
                .containsPattern("(?m)^regressed +checksum .* \\+0\\.9\\d%$")
                .containsPattern("(?m)^unchanged +sort .* 0\\.00%$")
                .contains("The gate fails on \"checksum\" alone");
    }
}

package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void sizesWithBinarySuffixes() {
        assertThat(Sizes.parseBytes("512M", "--memory")).isEqualTo(512L << 20);
        assertThat(Sizes.parseBytes("8G", "--memory")).isEqualTo(8L << 30);
        assertThat(Sizes.parseBytes("64K", "--memory")).isEqualTo(64L << 10);
        assertThat(Sizes.parseBytes("2T", "--memory")).isEqualTo(2L << 40);
        assertThat(Sizes.parseBytes("4096", "--memory")).isEqualTo(4096);
        assertThat(Sizes.parseBytes("0", "--memory")).isZero();
    }

    @Test
    void sizesAreCaseInsensitiveAndTakeByteSuffixesAndSpaces() {
        assertThat(Sizes.parseBytes("8g", "--memory")).isEqualTo(8L << 30);
        assertThat(Sizes.parseBytes("512MiB", "--memory")).isEqualTo(512L << 20);
        assertThat(Sizes.parseBytes("512mb", "--memory")).isEqualTo(512L << 20);
        assertThat(Sizes.parseBytes("100B", "--memory")).isEqualTo(100);
        assertThat(Sizes.parseBytes(" 8 G ", "--memory")).isEqualTo(8L << 30);
    }

    @Test
    void badSizesNameTheOption() {
        for (String bad : new String[] {"", "G", "abc", "-1G", "1.5G", "8X", "8GG", "8 G B", "0x10"}) {
            assertThatThrownBy(() -> Sizes.parseBytes(bad, "--memory"))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--memory takes a size such as 512M or 8G, not '" + bad + "'");
        }
    }

    @Test
    void sizesTooLargeForALongAreRefused() {
        assertThatThrownBy(() -> Sizes.parseBytes("17179869185G", "--memory"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--memory");
        assertThatThrownBy(() -> Sizes.parseBytes("8589934592G", "--memory"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--memory");
        assertThatThrownBy(() -> Sizes.parseBytes("99999999999999999999", "--memory"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--memory");
    }

    @Test
    void durations() {
        assertThat(Sizes.parseDuration("30s", "--timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Sizes.parseDuration("5m", "--timeout")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Sizes.parseDuration("250ms", "--timeout")).isEqualTo(Duration.ofMillis(250));
        assertThat(Sizes.parseDuration("1h", "--timeout")).isEqualTo(Duration.ofHours(1));
        assertThat(Sizes.parseDuration("30", "--timeout")).as("seconds by default").isEqualTo(Duration.ofSeconds(30));
        assertThat(Sizes.parseDuration("1.5s", "--timeout")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Sizes.parseDuration("0.5m", "--timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Sizes.parseDuration(" 10 S ", "--timeout")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Sizes.parseDuration("20MS", "--timeout")).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void badDurationsNameTheOption() {
        for (String bad : new String[] {"", "abc", "-5s", "5x", "5sec", "1d", "s", ".5s", "5 m s"}) {
            assertThatThrownBy(() -> Sizes.parseDuration(bad, "--timeout"))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--timeout takes a duration such as 30s, 5m or 250ms, not '" + bad + "'");
        }
    }

    @Test
    void zeroDurationsAreRefused() {
        for (String zero : new String[] {"0", "0s", "0ms", "0.0m"}) {
            assertThatThrownBy(() -> Sizes.parseDuration(zero, "--timeout"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--timeout must be positive, not '" + zero + "'");
        }
    }
}

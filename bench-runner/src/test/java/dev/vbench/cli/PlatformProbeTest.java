package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe's output as the fingerprint shows it; the probe itself runs in the end-to-end tests. */
class PlatformProbeTest {
    @Test
    void theCpuIsTheBrandWithVendorSignatureAndFeatureBits() {
        Map<String, String> kv = PlatformProbe.parse(List.of(
                "vendor=GenuineIntel",
                "signature=family 6 model 37 stepping 2",
                "features=0298e3ffbfebfbff000000000000000000000000",
                "brand=Intel(R) Core(TM) i5 CPU         670  @ 3.47GHz",
                "libc=glibc 2.36",
                "kernel=6.1.0-vbench",
                "not a key value line"));

        assertThat(kv).containsEntry("libc", "glibc 2.36").containsEntry("kernel", "6.1.0-vbench").hasSize(6);
        assertThat(PlatformProbe.cpu(kv)).isEqualTo("Intel(R) Core(TM) i5 CPU 670 @ 3.47GHz (GenuineIntel family 6 "
                + "model 37 stepping 2, features 0298e3ffbfebfbff000000000000000000000000)");
    }

    @Test
    void aCpuWithoutBrandStringIsNamedByVendorAndSignature() {
        Map<String, String> kv = PlatformProbe.parse(List.of("vendor=AuthenticAMD", "signature=family 25 model 1 stepping 0",
                "features=00", "brand="));
        assertThat(PlatformProbe.cpu(kv)).isEqualTo("(AuthenticAMD family 25 model 1 stepping 0, features 00)");
    }

    @Test
    void perfAndNoneShareOneProbeValgrindHasItsOwn() {
        assertThat(PlatformProbe.probeCounter("perf")).isEqualTo("none");
        assertThat(PlatformProbe.probeCounter("none")).isEqualTo("none");
        assertThat(PlatformProbe.probeCounter("valgrind")).isEqualTo("valgrind");
        assertThat(PlatformProbe.counterVersion("none")).isNull();
        assertThat(PlatformProbe.counterVersion("perf")).startsWith("perf_event_open, Linux ");
    }
}

package dev.vbench.clock.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerfEventTest {
    private static final String INTEL = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 85
            model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz
            """;
    private static final String AMD_ZEN3 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 1
            model name\t: AMD EPYC 7763 64-Core Processor
            """;
    private static final String AMD_ZEN1 = AMD_ZEN3.replace("cpu family\t: 25", "cpu family\t: 23");
    private static final String AMD_BULLDOZER = AMD_ZEN3.replace("cpu family\t: 25", "cpu family\t: 21");
    private static final String AMD_NO_FAMILY = AMD_ZEN3.replace("cpu family\t: 25\n", "");
    private static final String ARM = """
            processor\t: 0
            BogoMIPS\t: 50.00
            CPU implementer\t: 0x41
            """;

    @Test
    void instructionsAreTheGenericHardwareEventInUserSpace() {
        PerfEvent e = PerfEvent.parse("instructions", ARM);
        assertThat(e.name()).isEqualTo("instructions");
        assertThat(e.type()).isEqualTo(PerfEvent.TYPE_HARDWARE).isZero();
        assertThat(e.config()).isEqualTo(1); // PERF_COUNT_HW_INSTRUCTIONS
        assertThat(e.userOnly()).isTrue();
        assertThat(e.description()).isEqualTo("retired instructions");
    }

    @Test
    void specsAreTrimmed() {
        assertThat(PerfEvent.parse("  instructions\n", "").name()).isEqualTo("instructions");
        assertThat(PerfEvent.parse(" sw:page-faults ", "").config()).isEqualTo(2);
    }

    @Test
    void branchesOnIntelAreTheRawConditionalBranchEvent() {
        PerfEvent e = PerfEvent.parse("branches", INTEL);
        assertThat(e.type()).isEqualTo(PerfEvent.TYPE_RAW).isEqualTo(4);
        assertThat(e.config()).isEqualTo(0x5101c4L);
        assertThat(e.userOnly()).isTrue();
        assertThat(e.description()).contains("Intel").contains("0x5101c4");
    }

    @Test
    void branchesOnAmdZenAreExRetCond() {
        for (String cpuinfo : new String[] {AMD_ZEN3, AMD_ZEN1}) {
            PerfEvent e = PerfEvent.parse("branches", cpuinfo);
            assertThat(e.type()).isEqualTo(PerfEvent.TYPE_RAW);
            assertThat(e.config()).isEqualTo(0x5100d1L);
            assertThat(e.userOnly()).isTrue();
            assertThat(e.description()).contains("AMD Zen");
        }
    }

    @Test
    void branchesOnOtherCpusAreTheGenericBranchEvent() {
        for (String cpuinfo : new String[] {AMD_BULLDOZER, AMD_NO_FAMILY, ARM, ""}) {
            PerfEvent e = PerfEvent.parse("branches", cpuinfo);
            assertThat(e.type()).as(cpuinfo).isEqualTo(PerfEvent.TYPE_HARDWARE);
            assertThat(e.config()).isEqualTo(4); // PERF_COUNT_HW_BRANCH_INSTRUCTIONS
            assertThat(e.userOnly()).isTrue();
            assertThat(e.description()).contains("generic");
        }
    }

    @Test
    void softwareEventsUseTheKernelsNumbering() {
        String[] names = {"cpu-clock", "task-clock", "page-faults", "context-switches", "cpu-migrations",
                "minor-faults", "major-faults"};
        for (int i = 0; i < names.length; i++) {
            PerfEvent e = PerfEvent.parse("sw:" + names[i], INTEL);
            assertThat(e.type()).isEqualTo(PerfEvent.TYPE_SOFTWARE).isEqualTo(1);
            assertThat(e.config()).as(names[i]).isEqualTo(i); // enum perf_sw_ids
            assertThat(e.userOnly()).isFalse();
        }
        PerfEvent pf = PerfEvent.parse("sw:page-faults", "");
        assertThat(pf.name()).isEqualTo("sw:page-faults");
        assertThat(pf.description()).isEqualTo("software event page-faults");
    }

    @Test
    void unknownSoftwareEventListsTheKnownOnes() {
        assertThatThrownBy(() -> PerfEvent.parse("sw:nope", INTEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown software event 'sw:nope'; known: sw:cpu-clock, sw:task-clock, sw:page-faults, "
                        + "sw:context-switches, sw:cpu-migrations, sw:minor-faults, sw:major-faults");
    }

    @Test
    void unknownEventSaysWhatIsAccepted() {
        for (String bad : new String[] {"cycles", "", "Instructions", "hw:instructions"}) {
            assertThatThrownBy(() -> PerfEvent.parse(bad, INTEL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown perf event '" + bad.trim()
                            + "'; use instructions, branches, sw:NAME or tracepoint:CATEGORY:NAME");
        }
    }

    @Test
    void malformedTracepointIsRefused() {
        for (String bad : new String[] {"tracepoint:sched", "tracepoint:a:b:c"}) {
            assertThatThrownBy(() -> PerfEvent.parse(bad, INTEL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a tracepoint is tracepoint:CATEGORY:NAME, not '" + bad + "'");
        }
    }

    @Test
    void missingTracepointSaysHowToMountTracefs() {
        assertThatThrownBy(() -> PerfEvent.parse("tracepoint:vbench_no_such_category:no_such_event", INTEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tracepoint vbench_no_such_category:no_such_event not found: is tracefs mounted?");
    }
}

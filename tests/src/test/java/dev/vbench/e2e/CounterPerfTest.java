package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The perf backend. These machines have no hardware PMU, so the code path (perf_event_open per
 * guest thread, read at every stop) is exercised with a software event and a tracepoint; the
 * default hardware events must be refused with a clear message.
 */
class CounterPerfTest {
    private static final Path EVENTS = Path.of("/sys/kernel/tracing/events");
    private static final String TRACEPOINT = "tracepoint:raw_syscalls:sys_enter";

    /** Mounts tracefs if it is not (as root); skips only if that fails. */
    private static void ensureTracefs() {
        if (Files.isDirectory(EVENTS.resolve("raw_syscalls"))) {
            return;
        }
        RunResult m = Processes.run(List.of("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing"), Map.of(), null,
                Duration.ofSeconds(20));
        assumeTrue(m.exitCode() == 0 && Files.isDirectory(EVENTS.resolve("raw_syscalls")),
                "tracefs is not mounted and could not be mounted: " + m.describe());
    }

    /**
     * The supervisor reads the counter at each system call's entry stop, which comes before that
     * call's sys_enter tracepoint fires; calls vbench answers itself (emulated) never reach the
     * kernel, so never the tracepoint. At the last read (exit_group's entry) the tracepoint has seen
     * every call the kernel ran except exit_group: syscalls - emulated - 1. Each event's count is in
     * the result under its own name; counts perf was not asked for are absent.
     */
    @Test
    void softwareEventAndTracepointCountTheGuestsKernelSystemCallsUnderTheirOwnNames() {
        ensureTracefs();
        List<String> options = List.of("--counter", "perf", "--perf-events", "sw:page-faults," + TRACEPOINT);
        Counted r = Counted.run(options, List.of(Guests.path("syscalls")));
        assertThat(r.run().stdout()).isEqualTo("done 1\n");
        long syscalls = r.counter("syscalls");
        long emulated = r.benchmark().path("emulated_syscalls").asLong();
        long traced = r.counter("raw_syscalls:sys_enter");
        long faults = r.counter("page-faults");
        String measured = String.format("syscalls %d, emulated %d, %s %d, page faults %d", syscalls, emulated,
                TRACEPOINT, traced, faults);
        System.out.println("[CounterPerfTest] " + measured);
        assertThat(r.benchmark().path("counters").has("instructions"))
                .as("instructions were not counted, so they are absent: %s", r.benchmark()).isFalse();
        assertThat(r.benchmark().path("counters").has("branches_conditional")).isFalse();
        assertThat(syscalls).as(measured).isGreaterThanOrEqualTo(3000);
        assertThat(emulated).as("the guest's getppid, clock_gettime and uname are answered by vbench: %s", measured)
                .isGreaterThanOrEqualTo(3000);
        assertThat(traced).as("the tracepoint counts the calls that reached the kernel, but for exit_group: %s",
                measured).isEqualTo(syscalls - emulated - 1);
        assertThat(faults).as("a process start faults pages in: %s", measured).isPositive();
        // and the counts are the same on a second run
        Counted again = Counted.run(options, List.of(Guests.path("syscalls")));
        assertThat(again.counter("raw_syscalls:sys_enter")).isEqualTo(traced);
        assertThat(again.counter("syscalls")).isEqualTo(syscalls);
        assertThat(r.virtualNanos()).as("neither event is priced by the default model").isEqualTo(again.virtualNanos());
    }

    @Test
    void defaultHardwareEventsExit125SayingThereIsNoPmu() {
        assumeTrue(!Files.exists(Path.of("/sys/bus/event_source/devices/cpu")),
                "this machine has a hardware PMU (/sys/bus/event_source/devices/cpu)");
        RunResult r = Vbench.runGuest(List.of("--counter", "perf"), List.of(Guests.path("exitcode"), "0"));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(125);
        assertThat(r.stderr()).as(r.describe()).contains("no hardware PMU");
        assertThat(r.stdout()).as("the guest did not run").doesNotContain("hello");
    }
}

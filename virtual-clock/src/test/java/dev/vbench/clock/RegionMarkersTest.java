package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.clock.region.RegionMarkers;
import dev.vbench.clock.region.RegionRecorder;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.syscalls.Syscall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisor's region markers: which calls are markers, what they answer, what a region counts. */
class RegionMarkersTest {
    private final FakeCounter counter = new FakeCounter(true);
    private final VirtualClock clock = new VirtualClock(CostModel.DEFAULT, counter);
    private final Guests g = new Guests(clock);
    private final GuestThread t = g.root();
    private final RegionMarkers markers = clock.regionMarkers();
    /** The calls, made by {@link #t} (a thread of the clock's own guests, not of the fake's). */
    private final FakeGuest guest = new FakeGuest(new TestGuests());
    private final FakeMemory memory = guest.memoryOf(t.process());

    /**
     * The thread stops at a marker call having counted {@code insns} instructions and {@code syscalls}
     * calls; returns what the call was answered with.
     */
    private long at(long insns, long syscalls, FakeGuest call) {
        counter.set(t.process(), insns, insns / 10, 0, syscalls);
        clock.onRuntimeSyscall(t);
        assertThat(markers.onEntry(call)).isEqualTo(Disposition.EMULATED);
        assertThat(call.emulated()).isTrue();
        return call.returned();
    }

    private FakeGuest begin(String name) {
        return guest.call(t, Syscall.FACCESSAT, RegionMarkers.MARKER_DIRFD, memory.allocateString(name), 0);
    }

    private FakeGuest end() {
        return guest.call(t, Syscall.FACCESSAT, RegionMarkers.MARKER_DIRFD, memory.allocateString(""), 1);
    }

    /** access(path, R_OK). */
    private FakeGuest access(String path) {
        return guest.call(t, Syscall.ACCESS, memory.allocateString(path), 4);
    }

    @Test
    void aRegionCountsBetweenItsMarkersAndTheOutermostOfANameCountsOnce() {
        assertThat(at(1_000, 10, begin("loop"))).isEqualTo(RegionMarkers.ACK);
        at(1_500, 11, begin("loop"));      // recursion: inner of the same name
        at(1_700, 12, begin("inner"));
        at(1_900, 13, end());
        at(2_000, 14, end());
        assertThat(at(4_000, 16, end())).isEqualTo(RegionMarkers.ACK);
        Map<String, RegionRecorder.Totals> r = clock.regions().regions();
        assertThat(r.get("loop").entries()).isEqualTo(1);
        assertThat(r.get("loop").counts()).containsEntry(Counts.INSTRUCTIONS, 3_000L)
                .containsEntry(Counts.BRANCHES_CONDITIONAL, 300L)
                .containsEntry(Counts.SYSCALLS, 5L); // 16 - 10, less the end marker's own call
        assertThat(r.get("inner").counts()).containsEntry(Counts.INSTRUCTIONS, 200L).containsEntry(Counts.SYSCALLS, 0L);
        assertThat(clock.regions().notes()).isEmpty();
    }

    @Test
    void theJavaHelpersPathsAreMarkersAnsweredWithZeroAndOtherAccessCallsPass() {
        assertThat(at(100, 1, access("/dev/null/vbench-region/begin/parse"))).isZero();
        at(350, 3, access("/dev/null/vbench-region/end"));
        assertThat(clock.regions().regions().get("parse").counts()).containsEntry(Counts.INSTRUCTIONS, 250L);
        assertThat(markers.onEntry(access("/etc/ld.so.preload"))).isEqualTo(Disposition.PASS);
        assertThat(markers.onEntry(guest.call(t, Syscall.FACCESSAT, -100, memory.allocateString("x"), 0)))
                .isEqualTo(Disposition.PASS);
        assertThat(markers.onEntry(guest.call(t, Syscall.FACCESSAT2, -100,
                memory.allocateString("/dev/null/vbench-region/bogus"), 0, 0))).isEqualTo(Disposition.PASS);
    }

    @Test
    void aRegionOpenWhenItsThreadExitsEndsThereAndIsNoted() {
        at(10, 0, begin("tail"));
        at(50, 0, end());
        at(60, 0, end()); // one end too many
        at(70, 0, begin("tail"));
        counter.set(t.process(), 170, 0, 0, 0);
        clock.onRuntimeSyscall(t);
        g.exit(t);
        RegionRecorder.Totals tail = clock.regions().regions().get("tail");
        assertThat(tail.entries()).isEqualTo(2);
        assertThat(tail.counts()).containsEntry(Counts.INSTRUCTIONS, 140L);
        assertThat(clock.regions().notes()).singleElement().asString().startsWith("2 region markers did not match");
    }
}

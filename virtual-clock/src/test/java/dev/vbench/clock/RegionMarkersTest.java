package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.clock.region.RegionMarkers;
import dev.vbench.clock.region.RegionRecorder;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisor's region markers: which calls are markers, what they answer, what a region counts. */
class RegionMarkersTest {
    private static final long STRING = 0x10000;

    /** One call at its entry, with a string at STRING. */
    static final class Call implements Guest {
        final Syscall syscall;
        final long[] args;
        final GuestThread thread;
        final byte[] text;
        Long emulated;

        Call(GuestThread thread, Syscall syscall, String text, long... args) {
            this.thread = thread;
            this.syscall = syscall;
            this.args = args;
            this.text = (text + "\0").getBytes(StandardCharsets.UTF_8);
        }

        @Override public Syscall syscall() { return syscall; }
        @Override public long arg(int index) { return index < args.length ? args[index] : 0; }
        @Override public void setArg(int index, long value) { throw new UnsupportedOperationException(); }
        @Override public long result() { throw new UnsupportedOperationException(); }
        @Override public void setResult(long value) { throw new UnsupportedOperationException(); }
        @Override public GuestThread thread() { return thread; }

        @Override
        public GuestMemory memory() {
            return new GuestMemory() {
                @Override
                public int read(long address, byte[] dst, int offset, int length) {
                    int from = (int) (address - STRING);
                    if (from < 0 || from >= text.length) {
                        return -1;
                    }
                    int n = Math.min(length, text.length - from);
                    System.arraycopy(text, from, dst, offset, n);
                    return n;
                }

                @Override
                public void write(long address, byte[] src, int offset, int length) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override public Disposition emulate(long value) { emulated = value; return Disposition.EMULATED; }
        @Override public Disposition block(Wait wait, boolean exitHook) { throw new UnsupportedOperationException(); }
        @Override public long passString(String value) { throw new UnsupportedOperationException(); }
        @Override public Readiness probe(int fd, short events) { throw new UnsupportedOperationException(); }
        @Override public SignalMasks signalMasks() { return null; }
        @Override public void yieldCpu() {}
        @Override public ParkedThreads parked() { throw new UnsupportedOperationException(); }
    }

    private final FakeCounter counter = new FakeCounter(true);
    private final VirtualClock clock = new VirtualClock(CostModel.DEFAULT, counter);
    private final Guests g = new Guests(clock);
    private final GuestThread t = g.root();
    private final RegionMarkers markers = clock.regionMarkers();

    /** The thread stops at a marker call having counted {@code insns} instructions and {@code syscalls} calls. */
    private Call at(long insns, long syscalls, Call call) {
        counter.set(t.process(), insns, insns / 10, 0, syscalls);
        clock.onRuntimeSyscall(t);
        assertThat(markers.onEntry(call)).isEqualTo(Disposition.EMULATED);
        return call;
    }

    private Call begin(String name) {
        return new Call(t, Syscall.FACCESSAT, name, RegionMarkers.MARKER_DIRFD, STRING, 0);
    }

    private Call end() {
        return new Call(t, Syscall.FACCESSAT, "", RegionMarkers.MARKER_DIRFD, STRING, 1);
    }

    @Test
    void aRegionCountsBetweenItsMarkersAndTheOutermostOfANameCountsOnce() {
        assertThat(at(1_000, 10, begin("loop")).emulated).isEqualTo(RegionMarkers.ACK);
        at(1_500, 11, begin("loop"));      // recursion: inner of the same name
        at(1_700, 12, begin("inner"));
        at(1_900, 13, end());
        at(2_000, 14, end());
        assertThat(at(4_000, 16, end()).emulated).isEqualTo(RegionMarkers.ACK);
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
        assertThat(at(100, 1, new Call(t, Syscall.ACCESS, "/dev/null/vbench-region/begin/parse", STRING, 4)).emulated)
                .isZero();
        at(350, 3, new Call(t, Syscall.ACCESS, "/dev/null/vbench-region/end", STRING, 4));
        assertThat(clock.regions().regions().get("parse").counts()).containsEntry(Counts.INSTRUCTIONS, 250L);
        assertThat(markers.onEntry(new Call(t, Syscall.ACCESS, "/etc/ld.so.preload", STRING, 4))).isEqualTo(Disposition.PASS);
        assertThat(markers.onEntry(new Call(t, Syscall.FACCESSAT, "x", -100, STRING, 0))).isEqualTo(Disposition.PASS);
        assertThat(markers.onEntry(new Call(t, Syscall.FACCESSAT2, "/dev/null/vbench-region/bogus", -100, STRING, 0, 0)))
                .isEqualTo(Disposition.PASS);
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

package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.clock.CostModel;
import dev.vbench.clock.Counts;
import dev.vbench.clock.VirtualClock;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vbcount counts the guest's TSC on between stops from a base the supervisor writes, pricing the
 * counts since as the clock will at the next stop; it prices whole nanoseconds of instructions,
 * branches and system calls and nothing else. A model it could not follow gets no base (every
 * rdtsc then asks the clock, a stop), or the TSC would disagree with the guest's other clocks.
 * The block is a buffer of this JVM, which the counter reads and writes as a guest process's.
 */
class TscBasePricesTest {
    private static final int PRICES_AT = VbcountLayout.OFF_TSC_BASE + 8 * (2 + VbcountLayout.TSC_COUNTS);

    @TempDir
    Path work;

    private final Pointer block = Native.allocate(VbcountLayout.SIZE);
    private ValgrindCounter counter;

    @BeforeEach
    void counterOnABlockOfThisProcess() throws IOException {
        Path linkDir = Files.createDirectories(work.resolve("tmp"));
        Files.setAttribute(linkDir, "unix:mode", 01777); // as /tmp
        Files.setAttribute(work, "unix:mode", 0755);
        Path dir = StableToolLinkTest.fakeTool(Files.createDirectories(work.resolve("cache")));
        VbcountTool tool = new VbcountTool(dir, "valgrind", "valgrind-3.19.0", block.address(), VbcountLayout.SIZE, 0);
        counter = new ValgrindCounter(tool, 64, linkDir);
        block.putLong(VbcountLayout.OFF_MAGIC, VbcountLayout.MAGIC);
        block.putLong(VbcountLayout.OFF_INSNS, 1000);
        block.putLong(VbcountLayout.OFF_TSC_READS, 1); // the guest read the TSC
    }

    /** Makes the clock (which gives itself to the counter), charges a stop, resumes: true if a TSC base was written. */
    private boolean baseWritten(Map<String, Double> prices) {
        VirtualClock clock = new VirtualClock(new CostModel("test", prices), counter);
        GuestTree tree = new GuestTree(RunConfig.of(List.of("/bin/true"), List.of()), clock);
        GuestThread guest = tree.createRoot((int) ProcessHandle.current().pid());
        clock.onSyscall(guest);
        counter.beforeResume(guest, true);
        return block.getLong(VbcountLayout.OFF_TSC_BASE) != 0;
    }

    @Test
    void wholeNanosecondsOfInstructionsBranchesAndSyscallsGetABaseWithThosePrices() {
        assertThat(baseWritten(Map.of(Counts.INSTRUCTIONS, 1.0, Counts.BRANCHES_CONDITIONAL, 10.0,
                Counts.BRANCHES_INDIRECT, 3.0, Counts.SYSCALLS, 10_000.0))).isTrue();
        assertThat(block.getLong(VbcountLayout.OFF_TSC_BASE + 16)).as("instructions charged").isEqualTo(1000);
        for (int i = 0; i < VbcountLayout.TSC_COUNTS; i++) {
            assertThat(block.getLong(PRICES_AT + 8L * i)).isEqualTo(new long[] {1, 10, 3, 10_000}[i]);
        }
    }

    @Test
    void theDefaultModelGetsABase() {
        assertThat(baseWritten(CostModel.DEFAULT.nanosPerCount())).isTrue();
    }

    @Test
    void aFractionOfANanosecondGetsNone() {
        assertThat(baseWritten(Map.of(Counts.INSTRUCTIONS, 0.5, Counts.SYSCALLS, 10_000.0))).isFalse();
    }

    @Test
    void aPriceOnAnotherCountGetsNone() {
        assertThat(baseWritten(Map.of(Counts.INSTRUCTIONS, 1.0, Counts.BYTES_READ, 1.0))).isFalse();
    }
}

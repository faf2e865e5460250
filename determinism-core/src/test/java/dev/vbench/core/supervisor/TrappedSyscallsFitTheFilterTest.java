package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.handlers.HandlerTable;
import dev.vbench.core.handlers.StandardHandlers;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The set of calls the standard handlers need (what the Valgrind runtime traps) must make a filter
 * whose one-byte jump offsets do not wrap, and that filter must trace exactly that set.
 */
class TrappedSyscallsFitTheFilterTest {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;

    @Test
    void theHandlersTrappedSetFitsAndIsTracedExactly() {
        GuestTree tree = new TestGuests().tree();
        BitSet trapped = Supervisor.trappedSyscalls(new HandlerTable(StandardHandlers.create(tree, new ProcHostFiles(), new KernelProcesses())));
        assertThat(trapped.get(59)).as("execve ends a process image").isTrue();
        assertThat(trapped.cardinality()).as("jump offsets are one byte: at most 251 checks")
                .isLessThanOrEqualTo(251);
        byte[] p = SeccompFilter.program(trapped, 0);
        for (int nr = 0; nr < 512; nr++) {
            assertThat(SeccompFilterTest.run(p, nr, AUDIT_ARCH_X86_64)).as("nr %d", nr)
                    .isEqualTo(trapped.get(nr) ? 0x7ff00000 : 0x7fff0000);
        }
    }
}

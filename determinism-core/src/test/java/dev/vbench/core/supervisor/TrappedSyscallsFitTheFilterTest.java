package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.RunConfig;
import dev.vbench.core.handlers.StandardHandlers;
import dev.vbench.core.handlers.SyscallHandler;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The set of calls the standard handlers need (what the Valgrind runtime traps) must make a filter
 * whose one-byte jump offsets do not wrap, and that filter must trace exactly that set.
 */
class TrappedSyscallsFitTheFilterTest {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;

    private static final GuestClock NO_TIME = new GuestClock() {
        @Override
        public long elapsedNanos() {
            return 0;
        }

        @Override
        public void onSyscall(GuestThread thread) {}

        @Override
        public void onRuntimeSyscall(GuestThread thread) {}

        @Override
        public void onTrap(GuestThread thread) {}

        @Override
        public void onSleep(GuestThread thread, long nanos) {}
    };

    @Test
    void theHandlersTrappedSetFitsAndIsTracedExactly() {
        GuestTree tree = new GuestTree(RunConfig.of(List.of("/bin/true"), List.of()), NO_TIME);
        BitSet trapped = new BitSet();
        for (SyscallHandler h : StandardHandlers.create(tree)) {
            for (int nr : h.syscalls()) {
                trapped.set(nr);
            }
        }
        trapped.set(59); // execve, execveat, exit, exit_group: as Supervisor.trappedSyscalls
        trapped.set(322);
        trapped.set(60);
        trapped.set(231);
        assertThat(trapped.cardinality()).as("jump offsets are one byte: at most 251 checks")
                .isLessThanOrEqualTo(251);
        byte[] p = SeccompFilter.program(trapped, 0);
        for (int nr = 0; nr < 512; nr++) {
            assertThat(SeccompFilterTest.run(p, nr, AUDIT_ARCH_X86_64)).as("nr %d", nr)
                    .isEqualTo(trapped.get(nr) ? 0x7ff00000 : 0x7fff0000);
        }
    }
}

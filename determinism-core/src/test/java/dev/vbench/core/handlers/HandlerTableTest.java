package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which handler serves each call: at most one, decided once when the run starts. */
class HandlerTableTest {
    /** A handler that claims the calls it is given and lets them all pass. */
    private static class Claims implements SyscallHandler {
        private final Set<Syscall> calls;

        Claims(Syscall first, Syscall... rest) {
            calls = EnumSet.of(first, rest);
        }

        @Override
        public Set<Syscall> syscalls() {
            return calls;
        }

        @Override
        public Disposition onEntry(Guest call) {
            return Disposition.PASS;
        }
    }

    private static final class Readers extends Claims {
        Readers() {
            super(Syscall.READ, Syscall.OPEN);
        }
    }

    private static final class Openers extends Claims {
        Openers() {
            super(Syscall.OPENAT, Syscall.OPEN);
        }
    }

    @Test
    void eachCallIsServedByTheHandlerThatClaimsItAndOthersByNone() {
        Claims readers = new Claims(Syscall.READ, Syscall.GETPID);
        Claims writers = new Claims(Syscall.WRITE);
        HandlerTable table = new HandlerTable(List.of(readers, writers));
        assertThat(table.handlerOf(Syscall.READ.nr())).isSameAs(readers);
        assertThat(table.handlerOf(Syscall.GETPID.nr())).isSameAs(readers);
        assertThat(table.handlerOf(Syscall.WRITE.nr())).isSameAs(writers);
        assertThat(table.handles(Syscall.WRITE.nr())).isTrue();
        assertThat(table.handlerOf(Syscall.CLOSE.nr())).as("unclaimed: passes untouched").isNull();
        assertThat(table.handles(Syscall.CLOSE.nr())).isFalse();
        for (long nr : new long[] {-1, Syscall.TABLE_SIZE, 100_000, Long.MAX_VALUE}) {
            assertThat(table.handlerOf(nr)).as("nr %d", nr).isNull();
        }
    }

    /** Answers getpid with 7 when its first argument is 1, passes it otherwise; records what it saw. */
    private static final class Marker implements SyscallHandler {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public Set<Syscall> syscalls() {
            return EnumSet.of(Syscall.GETPID);
        }

        @Override
        public Disposition onEntry(Guest call) {
            seen.add("marker " + call.arg(0));
            return call.arg(0) == 1 ? call.emulate(7) : Disposition.PASS;
        }
    }

    /** The standard handler of getpid: sees the call at its exit. */
    private static final class Standard implements SyscallHandler {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public Set<Syscall> syscalls() {
            return EnumSet.of(Syscall.GETPID);
        }

        @Override
        public Disposition onEntry(Guest call) {
            seen.add("entry " + call.arg(0));
            return Disposition.AT_EXIT;
        }

        @Override
        public void onExit(Guest call) {
            seen.add("exit " + call.arg(0));
        }
    }

    @Test
    void aFirstLookHandlerSeesItsCallsFirstAndPassesTheRestToTheStandardOne() {
        TestGuests world = new TestGuests();
        dev.vbench.core.guest.FakeGuest guest = new dev.vbench.core.guest.FakeGuest(world);
        Marker marker = new Marker();
        Standard standard = new Standard();
        HandlerTable table = new HandlerTable(List.of(standard), List.of(marker));
        SyscallHandler h = table.handlerOf(Syscall.GETPID.nr());

        assertThat(guest.call(world.root(), Syscall.GETPID, 1).enter(h)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(7);
        assertThat(standard.seen).as("the marker answered: the standard handler never saw it").isEmpty();

        assertThat(guest.call(world.root(), Syscall.GETPID, 2).enter(h)).isEqualTo(Disposition.AT_EXIT);
        guest.exit(h, 1000);
        assertThat(marker.seen).containsExactly("marker 1", "marker 2");
        assertThat(standard.seen).containsExactly("entry 2", "exit 2");
        assertThat(table.handlerOf(Syscall.WRITE.nr())).isNull();
        assertThat(new HandlerTable(List.of(), List.of(marker)).handlerOf(Syscall.GETPID.nr())).isSameAs(marker);
    }

    @Test
    void aCallClaimedTwiceIsRefusedNamingTheCallAndBothHandlers() {
        assertThatThrownBy(() -> new HandlerTable(List.of(new Readers(), new Openers())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("open is claimed by both Readers and Openers");
    }

    @Test
    void theRunsOwnHandlersClaimEveryCallAtMostOnce() {
        List<SyscallHandler> all = StandardHandlers.create(new TestGuests().tree(), new FakeHostFiles(),
                new FakeHostProcesses());
        HandlerTable table = new HandlerTable(all); // would throw on a double claim
        Set<Syscall> claimed = new HashSet<>();
        for (SyscallHandler h : all) {
            for (Syscall s : h.syscalls()) {
                assertThat(claimed.add(s)).as("%s claimed once", s).isTrue();
                assertThat(table.handlerOf(s.nr())).isSameAs(h);
            }
        }
        assertThat(table.handlerOf(Syscall.CLOCK_GETTIME.nr())).isInstanceOf(TimeHandler.class);
        assertThat(table.handlerOf(Syscall.FUTEX.nr())).isInstanceOf(FutexHandler.class);
        assertThat(table.handlerOf(Syscall.GETDENTS64.nr())).isInstanceOf(FileHandler.class);
        assertThat(table.handlerOf(Syscall.KILL.nr())).isInstanceOf(ProcessHandler.class);
        assertThat(table.handlerOf(Syscall.IOCTL.nr())).isInstanceOf(TerminalHandler.class);
    }
}

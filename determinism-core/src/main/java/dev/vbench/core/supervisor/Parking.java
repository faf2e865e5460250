package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.PollTimeout;
import dev.vbench.core.syscalls.Syscall;
import dev.vbench.core.syscalls.SyscallNames;
import java.util.List;

/**
 * The supervisor's side of parking: finds parked threads and ends their waits, either by
 * answering the parked call itself (a futex wake-up, a timeout) or by releasing it to the kernel.
 * A parked thread is stopped at its call's entry, so answering it is a change of its registers.
 */
final class Parking implements ParkedThreads {
    private static final long SKIP = -1;

    /** Room for a zero timespec below the red zone of a thread stopped in a call. */
    private static final int RED_ZONE = 128, TIMESPEC = 16;

    private final Scheduler scheduler;
    private final RemoteMemory memory;
    private final Registers regs = new Registers();

    Parking(Scheduler scheduler, RemoteMemory memory) {
        this.scheduler = scheduler;
        this.memory = memory;
    }

    @Override
    public List<GuestThread> all() {
        return scheduler.parked().list();
    }

    @Override
    public List<GuestThread> futexWaiters(long key, boolean pi, int bitset, int limit) {
        return scheduler.parked().futexWaiters(key, pi, bitset, limit);
    }

    @Override
    public Wait waitOf(GuestThread thread) {
        return scheduler.waitOf(thread);
    }

    /**
     * {@inheritDoc} A thread killed meanwhile (SIGKILL from another guest, or the whole tree being
     * killed) has no registers any more; it is made ready all the same and waitpid reports its end.
     */
    @Override
    public void complete(GuestThread thread, long result) {
        try {
            regs.load(thread.tid());
            regs.setSyscallNumber(SKIP);
            regs.setRax(result);
            regs.store(thread.tid());
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
        TraceeState state = TraceeState.of(thread);
        state.pendingExit = null;
        state.callAnswered = true; // its registers only
        scheduler.makeReady(thread);
    }

    @Override
    public void release(GuestThread thread) {
        scheduler.makeReady(thread);
    }

    /**
     * {@inheritDoc} An int timeout becomes 0 in its register. A timeval or timespec the kernel writes
     * the time left back into (select, pselect6, ppoll) is zeroed where it is, as the kernel leaves it
     * at a timeout; epoll_pwait2's, which the kernel never writes, stays as it is and the call is
     * pointed at a zero timespec below the thread's red zone instead ({@link PollTimeout}).
     */
    @Override
    public void expire(GuestThread thread) {
        try {
            regs.load(thread.tid());
            int nr = (int) regs.syscallNumber();
            PollTimeout timeout = PollTimeout.of(Syscall.of(nr));
            if (timeout == null) {
                throw new IllegalStateException("not a poll-type call: " + SyscallNames.name(nr));
            }
            if (timeout.form() == PollTimeout.Form.MILLIS) {
                regs.setArg(timeout.arg(), 0);
            } else if (timeout.writtenBack()) {
                memory.writeLongs(thread.tid(), regs.arg(timeout.arg()), 0, 0);
            } else {
                long zero = (regs.rsp() - RED_ZONE - TIMESPEC) & ~15L;
                memory.writeLongs(thread.tid(), zero, 0, 0);
                regs.setArg(timeout.arg(), zero);
            }
            regs.store(thread.tid());
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
        scheduler.makeReady(thread);
    }

    @Override
    public void rewait(GuestThread thread, Wait wait) {
        scheduler.rewait(thread, wait);
    }
}

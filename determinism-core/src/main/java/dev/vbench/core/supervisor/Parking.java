package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.sched.Scheduler;
import java.util.List;

/**
 * The supervisor's side of parking: finds parked threads and ends their waits, either by
 * answering the parked call itself (a futex wake-up, a timeout) or by releasing it to the kernel.
 * A parked thread is stopped at its call's entry, so answering it is a change of its registers.
 */
final class Parking implements ParkedThreads {
    private static final long SKIP = -1;

    private final Scheduler scheduler;
    private final Registers regs = new Registers();

    Parking(Scheduler scheduler) {
        this.scheduler = scheduler;
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
        TraceeState.of(thread).pendingExit = null;
        scheduler.makeReady(thread);
    }

    @Override
    public void release(GuestThread thread) {
        scheduler.makeReady(thread);
    }

    @Override
    public void rewait(GuestThread thread, Wait wait) {
        scheduler.rewait(thread, wait);
    }
}

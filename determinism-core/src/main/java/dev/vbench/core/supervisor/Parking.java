package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.Registers;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.sched.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The supervisor's side of parking: finds parked threads and ends their waits, either by
 * answering the parked call itself (a futex wake-up, a timeout) or by releasing it to the kernel.
 * A parked thread is stopped at its call's entry, so either is a change of its registers.
 */
public final class Parking {
    private static final long SKIP = -1;

    private final Scheduler scheduler;
    private final Registers regs = new Registers();

    Parking(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Parked threads whose wait matches, in the order they parked (FIFO: deterministic wake order). */
    public List<GuestThread> parkedOn(Predicate<Wait> matches) {
        List<GuestThread> out = new ArrayList<>();
        for (GuestThread t : scheduler.parked()) {
            if (t.waitingOn != null && matches.test(t.waitingOn)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Ends the wait by answering the parked call with {@code result}; the kernel never runs it. */
    public void complete(GuestThread thread, long result) {
        regs.load(thread.tid());
        regs.setSyscallNumber(SKIP);
        regs.setRax(result);
        regs.store(thread.tid());
        thread.pendingExit = null;
        scheduler.makeReady(thread);
    }

    void yielded(GuestThread thread) {
        scheduler.yielded(thread);
    }

    /** Ends the wait by letting the kernel run the parked call now (its exit hook, if any, stays). */
    public void release(GuestThread thread) {
        scheduler.makeReady(thread);
    }
}

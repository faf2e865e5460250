package dev.vbench.core.supervisor;

/** Every guest thread is parked and nothing the guest can do will wake one: the run cannot go on. */
public final class GuestDeadlock extends RuntimeException {
    public GuestDeadlock(String report) {
        super(report);
    }
}

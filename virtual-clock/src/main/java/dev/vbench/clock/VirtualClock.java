package dev.vbench.clock;

import dev.vbench.core.supervisor.GuestClock;
import dev.vbench.core.supervisor.GuestThread;

/**
 * Global virtual time: the sum of what every thread was charged, plus time slept. A thread is
 * charged at each of its stops for the event that stopped it and, with a counter backend, for the
 * work it counted since its previous stop, so a clock read sees all work done up to that moment.
 */
public final class VirtualClock implements GuestClock {
    private final CostModel model;
    private long elapsed;

    public VirtualClock(CostModel model) {
        this.model = model;
    }

    public CostModel model() {
        return model;
    }

    @Override
    public long elapsedNanos() {
        return elapsed;
    }

    @Override
    public void onSyscall(GuestThread thread) {
        charge(thread, model.nanos(1, 0, 0, 0));
    }

    @Override
    public void onTrap(GuestThread thread) {
        charge(thread, model.nanos(0, 0, 0, 1));
    }

    @Override
    public void onSleep(GuestThread thread, long nanos) {
        elapsed += nanos;
    }

    private void charge(GuestThread thread, long nanos) {
        thread.chargedNanos += nanos;
        elapsed += nanos;
    }
}

package dev.vbench.core.guest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A typed slot of state kept per run, per process or per thread (see {@link State}). The component
 * that needs the state declares the key, usually as a private constant, so it alone can reach the
 * slot: the scheduler's per-thread wait, a counter backend's per-process reading, a handler's
 * per-descriptor listing. Other components ask the owner.
 *
 * @param <T> the type of the value in the slot
 */
public final class StateKey<T> {
    private static final AtomicInteger KEYS = new AtomicInteger();

    final int index = KEYS.getAndIncrement();
    private final String name;
    private final Supplier<? extends T> initial;

    private StateKey(String name, Supplier<? extends T> initial) {
        this.name = name;
        this.initial = initial;
    }

    /** A key whose slot is created by {@code initial} the first time it is read. */
    public static <T> StateKey<T> of(String name, Supplier<? extends T> initial) {
        return new StateKey<>(name, initial);
    }

    T initialValue() {
        return initial.get();
    }

    static int count() {
        return KEYS.get();
    }

    @Override
    public String toString() {
        return name;
    }
}

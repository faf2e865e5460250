package dev.vbench.core.guest;

import java.util.Arrays;

/**
 * The typed state one scope (the run, a process, a thread) holds for the components that declared
 * {@link StateKey keys}. A slot is created on first read from the key's initial value, so a
 * component never checks whether its state exists. Access is by key only: no slot is visible to
 * code that does not hold its key.
 */
public final class State {
    private Object[] slots = new Object[Math.max(8, StateKey.count())];

    /** The value in {@code key}'s slot, created from the key's initial value if absent. */
    public <T> T get(StateKey<T> key) {
        T value = peek(key);
        if (value == null) {
            value = key.initialValue();
            put(key, value);
        }
        return value;
    }

    /** The value in {@code key}'s slot, or null if it was never created. */
    @SuppressWarnings("unchecked") // every write goes through put(StateKey<T>, T)
    public <T> T peek(StateKey<T> key) {
        return key.index < slots.length ? (T) slots[key.index] : null;
    }

    /** Replaces the value in {@code key}'s slot (null empties it; the next get starts afresh). */
    public <T> void put(StateKey<T> key, T value) {
        if (key.index >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(key.index + 1, slots.length * 2));
        }
        slots[key.index] = value;
    }
}

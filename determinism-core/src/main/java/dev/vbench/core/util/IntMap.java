package dev.vbench.core.util;

import java.util.ArrayList;
import java.util.List;

/**
 * An open-addressing map from int keys (tids, fds) to objects that does not box its keys, so the
 * supervisor's per-stop lookups allocate nothing.
 */
public final class IntMap<V> {
    private static final int FREE = Integer.MIN_VALUE;
    private static final int REMOVED = Integer.MIN_VALUE + 1;

    private int[] keys;
    private Object[] values;
    private int size;
    private int used;

    public IntMap() {
        this(16);
    }

    public IntMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1);
        keys = new int[cap];
        values = new Object[cap];
        java.util.Arrays.fill(keys, FREE);
    }

    @SuppressWarnings("unchecked")
    public V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    public void put(int key, V value) {
        if ((used + 1) * 2 > keys.length) {
            rehash(size * 2 + 2 > keys.length / 2 ? keys.length * 2 : keys.length);
        }
        int mask = keys.length - 1;
        int slot = -1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == REMOVED && slot < 0) {
                slot = i;
            }
            if (k == FREE) {
                if (slot < 0) {
                    slot = i;
                    used++;
                }
                keys[slot] = key;
                values[slot] = value;
                size++;
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    public V remove(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                V old = (V) values[i];
                keys[i] = REMOVED;
                values[i] = null;
                size--;
                return old;
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE && keys[i] != REMOVED) {
                out.add((V) values[i]);
            }
        }
        return out;
    }

    public void clear() {
        java.util.Arrays.fill(keys, FREE);
        java.util.Arrays.fill(values, null);
        size = 0;
        used = 0;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        java.util.Arrays.fill(keys, FREE);
        size = 0;
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE && oldKeys[i] != REMOVED) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}

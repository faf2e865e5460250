package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/**
 * The calls one wait may answer by itself, and the log of those it answered: {@code struct
 * vb_answers} of {@code vb_tracer.c}, in native memory the tracer writes (see
 * {@link Tracer#waitpidAnswering}). An answer is a result for a call number, whatever its arguments;
 * clock_gettime reads the block's clocks, which every call answered moves on by the same charge.
 */
public final class AnswerBlock {
    /** How many different calls one wait may answer. */
    public static final int ENTRIES = 8;
    /** How many calls one wait answers at most: the log's length (the next one is left to the supervisor). */
    public static final int LIMIT = 4096;
    /** Clock ids 0 (CLOCK_REALTIME) to 11 (CLOCK_TAI). */
    public static final int CLOCKS = 12;
    private static final int LIMIT_AT = 0, ENTRIES_AT = 4, ANSWERED_AT = 8, NR_AT = 16, VALUE_AT = 80, CHARGE_AT = 144,
            CLOCK_AT = 152, LOG_AT = 464;

    private final Pointer memory = Native.allocate(LOG_AT + 2 * LIMIT);
    private int entries;

    public AnswerBlock() {
        clear();
    }

    /** Empties the table of answers and the log, takes the clocks away, and allows {@link #LIMIT} calls. */
    public void clear() {
        entries = 0;
        memory.putInt(LIMIT_AT, LIMIT);
        memory.putInt(ENTRIES_AT, 0);
        memory.putInt(ANSWERED_AT, 0);
        memory.putLong(CHARGE_AT, -1);
    }

    /**
     * clock_gettime is to read clock {@code id} (0 to {@link #CLOCKS} - 1) as {@code values[id]} plus
     * {@code charge} for every call answered so far, this one included; a negative value leaves the
     * clock to the supervisor.
     */
    public void setClocks(long charge, long[] values) {
        for (int id = 0; id < CLOCKS; id++) {
            memory.putLong(CLOCK_AT + 8L * id, values[id]);
        }
        memory.putLong(CHARGE_AT, charge);
    }

    /** The next wait answers at most {@code calls} calls (at most {@link #LIMIT}). */
    public void limit(long calls) {
        memory.putInt(LIMIT_AT, (int) Math.max(0, Math.min(calls, LIMIT)));
    }

    /** Call {@code nr} is to return {@code value}; false if the table is full. */
    public boolean add(int nr, long value) {
        if (entries == ENTRIES) {
            return false;
        }
        memory.putLong(NR_AT + 8L * entries, nr);
        memory.putLong(VALUE_AT + 8L * entries, value);
        memory.putInt(ENTRIES_AT, ++entries);
        return true;
    }

    /** How many answers the table holds. */
    public int entries() {
        return entries;
    }

    /** How many calls the last wait answered. */
    public int answered() {
        return memory.getInt(ANSWERED_AT);
    }

    /** The number of the {@code index}th call the last wait answered. */
    public int answeredCall(int index) {
        return memory.getShort(LOG_AT + 2L * index) & 0xffff;
    }

    long address() {
        return memory.address();
    }
}

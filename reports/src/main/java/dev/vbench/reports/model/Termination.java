package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a benchmark's run ended, beyond the guest's own exit status. Only {@link #EXITED} results
 * carry counts that mean what a comparison expects.
 */
public enum Termination {
    /** The root guest exited (or was killed by a signal): the normal end. */
    EXITED,
    /** vbench killed the guest tree when its time limit passed. */
    TIMED_OUT,
    /** vbench was interrupted (SIGINT, SIGTERM) and killed the guest tree. */
    INTERRUPTED,
    /** Every guest thread waited for something no guest thread could do; {@code deadlock} says what. */
    DEADLOCK;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Termination parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

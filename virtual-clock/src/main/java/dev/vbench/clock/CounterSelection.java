package dev.vbench.clock;

import dev.vbench.clock.perf.PerfCounter;
import dev.vbench.clock.perf.PerfEvent;
import dev.vbench.clock.valgrind.ValgrindCounter;
import dev.vbench.clock.valgrind.VbcountBuildException;
import dev.vbench.clock.valgrind.VbcountToolBuilder;
import dev.vbench.core.nativ.NativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Chooses the counter backend for a run and says why: {@link Choice#AUTO} takes the hardware PMU
 * where it works, else the software PMU (Valgrind), else none.
 *
 * @param backend the chosen backend
 * @param reason  why it was chosen, in words for the summary and the result
 */
public record CounterSelection(CounterBackend backend, String reason) {

    /** What the caller asked for. */
    public enum Choice {
        AUTO, VALGRIND, PERF, NONE;

        /** The choice named {@code text} (auto, valgrind, perf, none), case-insensitive. */
        public static Choice parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a counter; the counters are auto, valgrind, perf and none");
            }
        }
    }

    /** Why the backend asked for cannot be used here. */
    public static final class Unavailable extends Exception {
        /** What is missing, so a caller can advise. */
        public enum Cause { NO_PMU, PERF_EVENT, VALGRIND }

        private final Cause cause;

        public Unavailable(Cause cause, String message, Throwable underlying) {
            super(message, underlying);
            this.cause = cause;
        }

        public Cause missing() {
            return cause;
        }
    }

    /** Events counted by the perf backend unless the caller says otherwise. */
    public static final String DEFAULT_PERF_EVENTS = "instructions,branches";

    /**
     * @param perfEvents comma-separated events for the perf backend (see {@link PerfEvent})
     * @throws IllegalArgumentException if {@code perfEvents} names an unknown event
     */
    public static CounterSelection select(Choice choice, String perfEvents) throws Unavailable {
        return select(choice, perfEvents, ValgrindCounter.DEFAULT_MAX_THREADS);
    }

    /**
     * @param maxThreads the most threads one guest process may have alive at once under Valgrind
     */
    public static CounterSelection select(Choice choice, String perfEvents, int maxThreads) throws Unavailable {
        return switch (choice) {
            case NONE -> new CounterSelection(CounterBackend.NONE, "asked for none: system calls only");
            case VALGRIND -> new CounterSelection(valgrind(maxThreads), "asked for valgrind");
            case PERF -> new CounterSelection(perf(perfEvents), "asked for perf: " + describe(perfEvents));
            case AUTO -> auto(perfEvents, maxThreads);
        };
    }

    private static CounterSelection auto(String perfEvents, int maxThreads) throws Unavailable {
        if (PerfCounter.hardwareAvailable()) {
            return new CounterSelection(perf(perfEvents), "auto: the hardware PMU works here; " + describe(perfEvents));
        }
        try {
            return new CounterSelection(valgrind(maxThreads), "auto: no hardware PMU here, so the software PMU (Valgrind)");
        } catch (Unavailable e) {
            return new CounterSelection(CounterBackend.NONE, "auto: no hardware PMU and no usable Valgrind ("
                    + e.getMessage() + "); system calls only");
        }
    }

    private static PerfCounter perf(String perfEvents) throws Unavailable {
        List<PerfEvent> events = parse(perfEvents);
        try {
            PerfCounter counter = new PerfCounter(events);
            counter.checkOpenable();
            return counter;
        } catch (NativeException e) {
            boolean noPmu = e.errno() == 2 && events.stream().anyMatch(PerfEvent::hardware);
            throw new Unavailable(noPmu ? Unavailable.Cause.NO_PMU : Unavailable.Cause.PERF_EVENT,
                    "the perf counter is unavailable: " + e.getMessage()
                            + (noPmu ? " (this machine has no hardware PMU)" : ""), e);
        }
    }

    private static List<PerfEvent> parse(String perfEvents) {
        String cpuinfo;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            cpuinfo = "";
        }
        List<PerfEvent> events = new ArrayList<>();
        for (String spec : perfEvents.split(",")) {
            events.add(PerfEvent.parse(spec, cpuinfo));
        }
        return events;
    }

    private static String describe(String perfEvents) {
        return parse(perfEvents).stream().map(PerfEvent::description).collect(Collectors.joining(", "));
    }

    private static ValgrindCounter valgrind(int maxThreads) throws Unavailable {
        try {
            return new ValgrindCounter(new VbcountToolBuilder().build(), maxThreads);
        } catch (VbcountBuildException e) {
            throw new Unavailable(Unavailable.Cause.VALGRIND, "the valgrind counter is unavailable: " + e.getMessage(), e);
        }
    }
}

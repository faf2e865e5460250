package dev.vbench.clock;

import dev.vbench.clock.perf.PerfCounter;
import dev.vbench.clock.perf.PerfEvent;
import dev.vbench.clock.valgrind.ValgrindCounter;
import dev.vbench.core.nativ.NativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.vbench.clock.valgrind.VbcountBuildException;
import dev.vbench.clock.valgrind.VbcountToolBuilder;

/**
 * Chooses the counter backend for a run from the user's {@code --counter} choice and says why:
 * auto takes the hardware PMU where it works, else the software PMU (Valgrind), else none.
 *
 * @param backend the chosen backend
 * @param reason  why it was chosen, in words for the summary and the result
 */
public record CounterSelection(CounterBackend backend, String reason) {

    /** Thrown when the backend the user asked for cannot be used here; the message says what to do. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Events counted by {@code --counter perf} unless {@code --perf-events} says otherwise. */
    public static final String DEFAULT_PERF_EVENTS = "instructions,branches";

    /**
     * @param perfEvents comma-separated events for the perf backend (see {@link PerfEvent})
     */
    public static CounterSelection select(String choice, String perfEvents) throws Unavailable {
        return switch (choice) {
            case "none" -> new CounterSelection(CounterBackend.NONE, "--counter none: system calls only");
            case "valgrind" -> new CounterSelection(valgrind(), "--counter valgrind");
            case "perf" -> new CounterSelection(perf(perfEvents), "--counter perf: " + describe(perfEvents));
            case "auto" -> auto(perfEvents);
            default -> throw new IllegalArgumentException(
                    "--counter takes auto, valgrind, perf or none, not '" + choice + "'");
        };
    }

    private static CounterSelection auto(String perfEvents) throws Unavailable {
        if (PerfCounter.hardwareAvailable()) {
            return new CounterSelection(perf(perfEvents), "auto: the hardware PMU works here; " + describe(perfEvents));
        }
        try {
            return new CounterSelection(valgrind(), "auto: no hardware PMU here, so the software PMU (Valgrind)");
        } catch (Unavailable e) {
            return new CounterSelection(CounterBackend.NONE, "auto: no hardware PMU and no usable Valgrind ("
                    + e.getMessage() + "); system calls only");
        }
    }

    private static PerfCounter perf(String perfEvents) throws Unavailable {
        try {
            PerfCounter counter = new PerfCounter(parse(perfEvents));
            counter.checkOpenable();
            return counter;
        } catch (NativeException e) {
            throw new Unavailable("the perf counter is unavailable: " + e.getMessage()
                    + (e.errno() == 2 ? " (this machine has no hardware PMU; use --counter valgrind)" : ""), e);
        } catch (IllegalArgumentException e) {
            throw new Unavailable(e.getMessage(), e);
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
        try {
            return parse(perfEvents).stream().map(PerfEvent::description).collect(Collectors.joining(", "));
        } catch (IllegalArgumentException e) {
            return perfEvents;
        }
    }

    private static ValgrindCounter valgrind() throws Unavailable {
        try {
            return new ValgrindCounter(new VbcountToolBuilder().build());
        } catch (VbcountBuildException e) {
            throw new Unavailable("the valgrind counter is unavailable: " + e.getMessage(), e);
        }
    }
}

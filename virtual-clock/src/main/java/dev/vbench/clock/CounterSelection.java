package dev.vbench.clock;

import dev.vbench.clock.valgrind.ValgrindCounter;
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

    public static CounterSelection select(String choice) throws Unavailable {
        return switch (choice) {
            case "none" -> new CounterSelection(CounterBackend.NONE, "--counter none: system calls only");
            case "valgrind" -> new CounterSelection(valgrind(), "--counter valgrind");
            case "auto" -> auto();
            default -> throw new IllegalArgumentException(
                    "--counter takes auto, valgrind, perf or none, not '" + choice + "'");
        };
    }

    private static CounterSelection auto() throws Unavailable {
        try {
            return new CounterSelection(valgrind(), "auto: no hardware PMU here, so the software PMU (Valgrind)");
        } catch (Unavailable e) {
            return new CounterSelection(CounterBackend.NONE, "auto: no hardware PMU and no usable Valgrind ("
                    + e.getMessage() + "); system calls only");
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

package dev.vbench.e2e.sched;

import dev.vbench.e2e.support.Guests;
import java.nio.file.Path;

/** The scheduler guests live in src/test/guests/sched/; {@link Guests} builds them like any other. */
final class SchedGuests {
    private SchedGuests() {
    }

    /** A script of src/test/guests/sched (the Python guest). */
    static Path script(String fileName) {
        return Guests.source("sched/" + fileName);
    }

    /** The compiled binary of src/test/guests/sched/NAME.c (with extra gcc {@code flags}), as an absolute path string. */
    static String path(String name, String... flags) {
        return Guests.path("sched/" + name, flags);
    }
}

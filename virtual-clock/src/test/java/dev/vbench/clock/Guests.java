package dev.vbench.clock;

import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.run.RunConfig;
import java.util.List;

/** A guest process table for clock tests: real ids are made up (50000 and up). */
final class Guests {
    private final GuestTree tree;
    private int nextReal = 50_000;

    Guests(GuestClock clock) {
        this.tree = new GuestTree(RunConfig.of(List.of("/bin/true"), List.of()), clock);
    }

    /** The root guest's thread. */
    GuestThread root() {
        return tree.createRoot(nextReal++);
    }

    /** The first thread of a new child process of {@code parent}'s process. */
    GuestThread newProcess(GuestThread parent) {
        return tree.createChild(parent, nextReal++, false);
    }

    /** A new thread in {@code sibling}'s process. */
    GuestThread thread(GuestThread sibling) {
        return tree.createChild(sibling, nextReal++, true);
    }

    /** The thread has exited. */
    void exit(GuestThread thread) {
        tree.clock().onThreadExit(thread);
        tree.unregister(thread);
    }
}

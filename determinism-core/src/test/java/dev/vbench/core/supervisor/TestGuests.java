package dev.vbench.core.supervisor;

/**
 * Creates guest threads and processes for unit tests without a tracee: their constructors are
 * package-private, so this helper lives in their package.
 */
public final class TestGuests {
    private TestGuests() {}

    /** A new single-threaded process whose thread has virtual id {@code vtid} (real id vtid + 1). */
    public static GuestThread thread(int vtid) {
        GuestProcess process = new GuestProcess(vtid + 1, vtid, null, true);
        return threadIn(process, vtid);
    }

    /** A new thread of {@code process}. */
    public static GuestThread threadIn(GuestProcess process, int vtid) {
        GuestThread t = new GuestThread(vtid + 1, vtid, process, 0);
        process.threads.add(t);
        return t;
    }

    /** A new process, child of {@code parent} (may be null). */
    public static GuestProcess process(int vpid, GuestProcess parent) {
        return new GuestProcess(vpid + 1, vpid, parent, true);
    }
}

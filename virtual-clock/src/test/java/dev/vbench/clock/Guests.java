package dev.vbench.clock;

import dev.vbench.core.supervisor.GuestProcess;
import dev.vbench.core.supervisor.GuestThread;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;

/**
 * Guest processes and threads for clock tests. Their constructors are package-private in
 * dev.vbench.core.supervisor and this module's tests may only live under dev.vbench.clock, so they
 * are made reflectively (the classes are on the plain classpath).
 */
final class Guests {
    private static int nextId = 2000;

    private Guests() {}

    static GuestProcess process(GuestProcess parent) {
        try {
            Constructor<GuestProcess> c = GuestProcess.class.getDeclaredConstructor(
                    int.class, int.class, GuestProcess.class, boolean.class);
            c.setAccessible(true);
            int id = nextId++;
            return c.newInstance(id + 50_000, id, parent, true);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static GuestThread thread(GuestProcess process) {
        try {
            Constructor<GuestThread> c = GuestThread.class.getDeclaredConstructor(
                    int.class, int.class, GuestProcess.class, long.class);
            c.setAccessible(true);
            int id = process.threads().isEmpty() ? process.vpid() : nextId++;
            GuestThread t = c.newInstance(id + 50_000, id, process, 0L);
            Field threads = GuestProcess.class.getDeclaredField("threads");
            threads.setAccessible(true);
            ((List<GuestThread>) threads.get(process)).add(t);
            return t;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The first thread of a new process. */
    static GuestThread newProcessThread(GuestProcess parent) {
        return thread(process(parent));
    }
}

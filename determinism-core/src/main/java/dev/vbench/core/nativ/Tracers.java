package dev.vbench.core.nativ;

/** Which {@link Tracer} each thread uses. */
public final class Tracers {
    static final ThreadLocal<Tracer> CURRENT = ThreadLocal.withInitial(() -> DirectTracer.INSTANCE);

    private Tracers() {}

    static Installed install(Tracer tracer) {
        Tracer before = CURRENT.get();
        CURRENT.set(tracer);
        return new Installed(before);
    }

    /** Puts the thread's previous tracer back when closed. */
    public static final class Installed implements AutoCloseable {
        private final Tracer before;

        private Installed(Tracer before) {
            this.before = before;
        }

        @Override
        public void close() {
            CURRENT.set(before);
        }
    }
}

package dev.vbench.core.run;

import java.util.Map;

/**
 * The environment vbench itself runs in, as its code must read it: this process's, or, in the run
 * server, that of the client whose run it is serving (one run at a time), which may differ from
 * the server's own in anything but the variables the JVM itself depends on (RunServer).
 */
public final class HostEnvironment {
    private static volatile Map<String, String> client;

    private HostEnvironment() {}

    public static Map<String, String> get() {
        Map<String, String> c = client;
        return c != null ? c : System.getenv();
    }

    public static String get(String name) {
        return get().get(name);
    }

    /** For the run server: {@code environment} stands for this process's until {@link #restore}. */
    public static void use(Map<String, String> environment) {
        client = Map.copyOf(environment);
    }

    public static void restore() {
        client = null;
    }
}

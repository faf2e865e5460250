package dev.vbench.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a guest gets. By default a fixed set of variables, so that neither the host's
 * variables nor their total size (which moves the initial stack, and with it addresses, alignment
 * and the dynamic loader's work) change what the guest computes. PWD and TERM are left out on
 * purpose: the working directory's length and the terminal must not leak in.
 */
public final class CanonicalEnvironment {
    public static final Map<String, String> DEFAULTS = defaults();

    private CanonicalEnvironment() {}

    private static Map<String, String> defaults() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/sh");
        return java.util.Collections.unmodifiableMap(env);
    }

    /**
     * @param host      the host's environment, used only when {@code passHost}
     * @param passHost  start from the host's environment instead of the canonical one
     * @param overrides NAME=VALUE pairs added last
     */
    public static List<String> build(Map<String, String> host, boolean passHost, List<String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(passHost ? new java.util.TreeMap<>(host) : DEFAULTS);
        for (String pair : overrides) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRunConfig(InvalidRunConfig.Setting.ENVIRONMENT,
                        "entries are NAME=VALUE, not '" + pair + "'");
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}

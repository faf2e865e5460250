package dev.vbench.model.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of this machine for a model file: a model is only valid where it was fitted. */
public final class HostDescription {
    private HostDescription() {}

    /** e.g. "AMD EPYC, 2 cpus, Linux 6.1.0 amd64". */
    public static String current() {
        return machineKind() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /**
     * The kind of machine a model's costs hold for: the CPU model and how many CPUs run the
     * guest's threads, e.g. "AMD EPYC, 2 cpus" (the start of {@link #current()}).
     */
    public static String machineKind() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cpus";
    }

    /** Whether a model fitted on {@code host} (a model file's host) was fitted on this kind of machine. */
    public static boolean sameKind(String host) {
        String kind = machineKind();
        return host.equals(kind) || host.startsWith(kind + ",");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown cpu");
        } catch (IOException e) {
            return "unknown cpu";
        }
    }
}

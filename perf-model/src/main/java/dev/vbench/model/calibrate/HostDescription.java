package dev.vbench.model.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of this machine for a model file: a model is only valid where it was fitted. */
public final class HostDescription {
    private HostDescription() {}

    /** e.g. "AMD EPYC, 2 cpus, Linux 6.1.0 amd64". */
    public static String current() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cpus, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
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

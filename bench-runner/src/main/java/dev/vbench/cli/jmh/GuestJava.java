package dev.vbench.cli.jmh;

import dev.vbench.cli.CommandResolver;
import dev.vbench.core.run.HostEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The feature release of the java program a JMH guest runs, read from its JDK's {@code release} file. */
final class GuestJava {
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private GuestJava() {}

    /**
     * 17 for a JDK 17 ({@code JAVA_VERSION="17.0.15"}), 8 for {@code "1.8.0_402"}; -1 if unknown ({@code java}
     * not found, or no release file beside its bin directory).
     */
    static int featureRelease(String java) {
        try {
            Path home = Path.of(CommandResolver.resolve(java, HostEnvironment.get("PATH"))).toRealPath().getParent().getParent();
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (CommandResolver.Unrunnable | IOException | RuntimeException e) {
            return -1;
        }
    }
}

package dev.vbench.cli;

import dev.vbench.clock.fs.TrustedPaths;
import dev.vbench.core.run.HostEnvironment;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where vbench keeps what it builds for the user: ${XDG_CACHE_HOME:-~/.cache}/vbench (a relative
 * XDG_CACHE_HOME is ignored, as the XDG spec says, and as the vbcount cache does). vbench runs what
 * it finds there (the platform probe, the demo's programs) and believes what it reads there (the
 * probe's answers), as root in CI: every directory is made with mode 0700 and used only if it and
 * every directory on the way are root's or this user's and writable by no one else
 * ({@link TrustedPaths}).
 */
final class Caches {
    private Caches() {}

    static Path root() {
        String xdg = HostEnvironment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vbench");
    }

    /**
     * {@code root()/parts...}, created (mode 0700) where missing.
     *
     * @throws TrustedPaths.UntrustedPathException if another user could change anything on the way
     */
    static Path dir(String... parts) throws IOException {
        Path dir = root();
        for (String part : parts) {
            dir = dir.resolve(part);
        }
        return TrustedPaths.createPrivateDirectories(dir);
    }

    /** Whether {@code file} exists and only root or this user could have written it and the way to it. */
    static boolean trusted(Path file) {
        try {
            TrustedPaths.check(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

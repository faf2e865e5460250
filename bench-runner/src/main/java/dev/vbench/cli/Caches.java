package dev.vbench.cli;

import java.nio.file.Path;

/** Where vbench keeps what it builds for the user: ${XDG_CACHE_HOME:-~/.cache}/vbench. */
final class Caches {
    private Caches() {}

    static Path root() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vbench");
    }
}

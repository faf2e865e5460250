package dev.vbench.clock.valgrind;

import dev.vbench.clock.fs.TrustedPaths;
import dev.vbench.core.run.HostEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds the vbcount Valgrind tool from the C sources shipped in this jar, once per Valgrind version
 * and source revision, into a cache directory:
 * <pre>
 *   ${XDG_CACHE_HOME:-~/.cache}/vbench/vbcount/&lt;valgrind --version&gt;-&lt;sha256(sources), 12 hex&gt;/
 * </pre>
 * The build runs {@code build.sh} in a temporary sibling directory which is then renamed into place,
 * so a cache directory either does not exist or holds a complete tool; concurrent builders (threads
 * or processes) are safe, the first rename wins. A new build removes the old ones an upgrade left
 * behind ({@link OldToolBuilds}).
 *
 * <p>This class starts child processes with {@link ProcessBuilder}. That is fine at build time,
 * before any tracing starts, but never call it from the supervisor thread or from a JVM that is
 * already tracing (the JDK's process reaper and {@code waitpid(-1)} steal each other's events;
 * platform notes, pitfall 4). Build first, then start the supervisor.
 *
 * <pre>{@code
 * VbcountTool tool = new VbcountToolBuilder().build();
 * // env: tool.environment(); argv: tool.command(List.of("--vbcount-addr-file=/tmp/a"), guestArgv)
 * long addr = tool.blockAddress();   // same in every process running the tool
 * }</pre>
 */
public final class VbcountToolBuilder {

    /** Where src/main/c is placed inside the jar (see virtual-clock/pom.xml). */
    public static final String RESOURCE_PREFIX = "vbench/c/vbcount/";
    /** Files that determine the built tool: their bytes make the cache key. */
    static final List<String> BUILD_INPUTS = List.of("vb_main.c", "vb_housekeeping.c", "vb_housekeeping.h", "vb_tool.h",
            "vb_regions.c", "vb_attr.c", "vb_features.c", "vb_features.h", "vb_slots.c", "vb_slots.h", "vb_spin.c", "vb_spin.h", "build.sh");
    /** Extracted too, for whoever looks at the cache directory; not part of the key. */
    static final List<String> DOCS = List.of("README.md");

    private static final Object LOCK = new Object();

    private Path cacheDir;
    private String valgrind = "valgrind";
    private Duration timeout = Duration.ofMinutes(5);

    /** A builder using {@link #defaultCacheDir()} and {@code valgrind} from the PATH. */
    public VbcountToolBuilder() {
        this.cacheDir = defaultCacheDir();
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/vbench/vbcount} (a relative XDG_CACHE_HOME is ignored, as the XDG spec says). */
    public static Path defaultCacheDir() {
        String xdg = HostEnvironment.get("XDG_CACHE_HOME");
        Path base = (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute())
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vbench").resolve("vbcount");
    }

    /** Parent of the per-version build directories (default {@link #defaultCacheDir()}). */
    public VbcountToolBuilder cacheDir(Path dir) {
        this.cacheDir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        return this;
    }

    /** The valgrind launcher to build for and to run (default {@code valgrind} on the PATH). */
    public VbcountToolBuilder valgrind(String executable) {
        this.valgrind = Objects.requireNonNull(executable, "executable");
        return this;
    }

    /** Longest time build.sh may take (default 5 minutes). */
    public VbcountToolBuilder timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Returns the built tool, building it first if this Valgrind version and these sources have
     * not been built into the cache yet.
     *
     * @throws VbcountBuildException if valgrind, gcc, the Valgrind headers or static libraries are
     *     missing (the message names the Debian package to install), or the build fails (the
     *     message ends with the build log)
     */
    public VbcountTool build() throws VbcountBuildException {
        String version = valgrindVersion();
        Path target = cacheDir.resolve(sanitize(version) + "-" + sourceHash());
        synchronized (LOCK) {
            trustCacheDir();
            VbcountTool existing = loadIfTrusted(target);
            if (existing != null) {
                return existing;
            }
            try {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // Incomplete leftover (someone deleted files from it): move aside and rebuild.
                    Path stale = Files.createTempDirectory(cacheDir, ".stale-");
                    Files.move(target, stale.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
                    TrustedPaths.deleteTree(stale);
                }
                Path tmp = Files.createTempDirectory(cacheDir, ".build-" + target.getFileName() + "-");
                try {
                    runBuild(tmp);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                        OldToolBuilds.prune(cacheDir, target, Instant.now());
                    } catch (FileSystemException e) {
                        // Lost the race against another process: its complete build is in place.
                        if (loadIfComplete(target) == null) {
                            throw e;
                        }
                    }
                } finally {
                    if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                        TrustedPaths.deleteTree(tmp);
                    }
                }
            } catch (VbcountBuildException e) {
                throw e;
            } catch (IOException e) {
                throw new VbcountBuildException("building vbcount into " + target + " failed: " + e, e);
            }
            VbcountTool built = loadIfTrusted(target);
            if (built == null) {
                throw new VbcountBuildException("build.sh finished but " + target
                        + " lacks " + VbcountTool.BINARY_NAME + " or " + VbcountTool.PROPERTIES_NAME);
            }
            return built;
        }
    }

    /**
     * The cache directory, made with mode 0700 where missing, and every directory on the way to it
     * must be root's or this user's and writable by no one else: vbench loads the tool from there
     * into every guest, as root in CI, and an XDG_CACHE_HOME under /tmp would otherwise let another
     * user plant a tool first.
     */
    private void trustCacheDir() throws VbcountBuildException {
        try {
            TrustedPaths.createPrivateDirectories(cacheDir);
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new VbcountBuildException("vbench will not build or load the vbcount tool in " + cacheDir
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new VbcountBuildException("cannot create the vbcount cache directory " + cacheDir + ": " + e, e);
        }
    }

    /**
     * {@link #loadIfComplete}, after checking that the directory, the tool and its description are
     * root's or this user's and writable by no one else.
     */
    private VbcountTool loadIfTrusted(Path dir) throws VbcountBuildException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            TrustedPaths.check(dir);
            for (String name : List.of(VbcountTool.BINARY_NAME, VbcountTool.PROPERTIES_NAME)) {
                if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    TrustedPaths.check(dir.resolve(name));
                }
            }
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new VbcountBuildException("vbench will not load the vbcount tool from " + dir + ": " + e.getMessage()
                    + " (remove it, and vbench builds the tool again)", e);
        } catch (IOException e) {
            return null;
        }
        return loadIfComplete(dir);
    }

    /**
     * Reads a complete tool directory (as made by build.sh), or returns null if it is missing or
     * incomplete. It does not check who may change the directory: {@link #build} does.
     */
    public VbcountTool loadIfComplete(Path dir) {
        Path props = dir.resolve(VbcountTool.PROPERTIES_NAME);
        if (!Files.isRegularFile(dir.resolve(VbcountTool.BINARY_NAME)) || !Files.isRegularFile(props)
                || !Files.exists(dir.resolve("vgpreload_core-amd64-linux.so"))) {
            return null;
        }
        try {
            Map<String, String> kv = VbcountLayout.readKeyValues(props);
            String addr = kv.get("block_addr");
            String size = kv.get("block_size");
            String version = kv.get("valgrind_version");
            String privateSite = kv.get("private_syscall_ip");
            if (addr == null || size == null || version == null || privateSite == null) {
                return null;
            }
            return new VbcountTool(dir, valgrind, version, VbcountLayout.parseAddress(addr),
                    Long.parseLong(size), VbcountLayout.parseAddress(privateSite));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code valgrind --version}, e.g. {@code valgrind-3.19.0}. Asking Valgrind takes tens of
     * milliseconds of every run's start-up, so the answer is remembered in the cache directory
     * under a key made of the launcher's and its {@code .bin}'s paths, sizes and modification
     * times, which a reinstall changes.
     */
    public String valgrindVersion() throws VbcountBuildException {
        Path memo = versionMemo();
        if (memo != null && trusted(memo)) {
            try {
                String remembered = Files.readString(memo, StandardCharsets.UTF_8).trim();
                if (remembered.startsWith("valgrind-")) {
                    return remembered;
                }
            } catch (IOException e) {
                // not remembered yet
            }
        }
        String version = askValgrindVersion();
        if (memo != null) {
            try {
                TrustedPaths.createPrivateDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, ".version-", ".tmp");
                Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // a read-only cache: ask again next time
            }
        }
        return version;
    }

    private static boolean trusted(Path file) {
        try {
            TrustedPaths.check(file);
            return true;
        } catch (IOException e) {
            return false; // missing, or another user could have written it: ask Valgrind
        }
    }

    /** The file remembering the version of the installed launcher; null if it is not on the PATH. */
    private Path versionMemo() {
        Path launcher = Path.of(valgrind).isAbsolute() ? Path.of(valgrind) : ValgrindCounter.findInPath(valgrind);
        if (launcher == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (Path file : List.of(launcher, launcher.resolveSibling(launcher.getFileName() + ".bin"))) {
            key.append(file).append('|');
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                key.append(a.size()).append('|').append(a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                key.append('-');
            }
            key.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve("valgrind-version-" + HexFormat.of().formatHex(digest).substring(0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String askValgrindVersion() throws VbcountBuildException {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(valgrind, "--version").redirectErrorStream(true);
            pb.environment().remove("VALGRIND_LIB"); // a stale one makes the launcher fail
            p = pb.start();
        } catch (IOException e) {
            throw new VbcountBuildException("cannot run '" + valgrind + " --version' (" + e.getMessage()
                    + "): Valgrind is not installed; on Debian/Ubuntu: apt-get install valgrind", e);
        }
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VbcountBuildException("'" + valgrind + " --version' did not finish");
            }
            if (p.exitValue() != 0 || !out.startsWith("valgrind-")) {
                throw new VbcountBuildException("'" + valgrind + " --version' failed (exit "
                        + p.exitValue() + "): " + out);
            }
            return out.lines().findFirst().orElse(out);
        } catch (VbcountBuildException e) {
            throw e;
        } catch (IOException e) {
            throw new VbcountBuildException("reading '" + valgrind + " --version' failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new VbcountBuildException("interrupted while running '" + valgrind + " --version'", e);
        }
    }

    /** First 12 hex digits of the SHA-256 of the build inputs (name, length and bytes of each). */
    public static String sourceHash() throws VbcountBuildException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : BUILD_INPUTS) {
                byte[] bytes = resource(name);
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(bytes);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ---- internals -------------------------------------------------------------------------------

    private void runBuild(Path outDir) throws IOException {
        Path src = outDir.resolve("src");
        Files.createDirectories(src);
        List<String> all = new ArrayList<>(BUILD_INPUTS);
        all.addAll(DOCS);
        for (String name : all) {
            byte[] bytes = name.endsWith(".md") ? optionalResource(name) : resource(name);
            if (bytes != null) {
                Files.write(src.resolve(name), bytes);
            }
        }
        Path log = outDir.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder("sh", src.resolve("build.sh").toString(), outDir.toString())
                .directory(outDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("VALGRIND", valgrind);
        pb.environment().remove("VALGRIND_LIB");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new VbcountBuildException("cannot run /bin/sh to build vbcount: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new VbcountBuildException("building vbcount took longer than " + timeout
                        + "; log:\n" + readLog(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new VbcountBuildException("interrupted while building vbcount", e);
        }
        if (p.exitValue() != 0) {
            String text = readLog(log);
            String reason = text.lines().filter(l -> l.startsWith("vbcount build: "))
                    .reduce((a, b) -> b).map(l -> l.substring("vbcount build: ".length()))
                    .orElse("build.sh exited with status " + p.exitValue());
            throw new VbcountBuildException("cannot build the vbcount Valgrind tool: " + reason
                    + "\n--- build log ---\n" + text);
        }
    }

    private static String readLog(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 8000 ? "..." + s.substring(s.length() - 8000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static byte[] resource(String name) throws VbcountBuildException {
        byte[] bytes = optionalResource(name);
        if (bytes == null) {
            throw new VbcountBuildException("resource " + RESOURCE_PREFIX + name
                    + " is missing from the classpath: the virtual-clock jar must be built with"
                    + " src/main/c as a resource directory");
        }
        return bytes;
    }

    private static byte[] optionalResource(String name) throws VbcountBuildException {
        ClassLoader cl = VbcountToolBuilder.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE_PREFIX + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new VbcountBuildException("reading resource " + RESOURCE_PREFIX + name + ": " + e, e);
        }
    }

    static String sanitize(String s) {
        return s.trim().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

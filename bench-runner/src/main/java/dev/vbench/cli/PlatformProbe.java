package dev.vbench.cli;

import dev.vbench.cli.bench.NativeCommand;
import dev.vbench.clock.valgrind.VbcountBuildException;
import dev.vbench.clock.valgrind.VbcountToolBuilder;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.reports.model.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The platform fingerprint of a result: what the counts depend on besides the program. The CPU,
 * C library and kernel are what the guest sees, so a bundled C probe (resources
 * dev/vbench/probe/probe.c) runs under the same determinizer and counter and prints its cpuid brand
 * string, signature and feature bits, {@code gnu_get_libc_version()} and {@code uname} release.
 *
 * <p>The probe costs a gcc build and a traced run (about half a second under Valgrind), so its answer
 * is kept in {@code Caches.root()/probe/} under a key made of everything it depends on: the probe's
 * source, this vbench build, the counter (Valgrind's version and vbcount's source), the host's CPU
 * (its /proc/cpuinfo identity and flags), the host's C library file and the kernel release. Native
 * commands (gcc) run before the traced probe, never during a traced run.
 */
final class PlatformProbe {
    private static final String SOURCE = "/dev/vbench/probe/probe.c";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Answers of this JVM, by cache key: a bench run asks once per counter. */
    private static final Map<String, GuestView> MEMO = new HashMap<>();

    /** What the probe saw as a guest. Null fields: unknown (the probe could not run). */
    record GuestView(String cpu, String libc, String kernel, boolean cpuidVirtualized, boolean rdtscVirtualized) {}

    private PlatformProbe() {}

    /** The fingerprint of runs prepared like {@code prepared}. */
    static Fingerprint fingerprint(GuestRun.Prepared prepared) {
        String counter = prepared.counter().backend().name();
        GuestView view = guestView(probeCounter(counter));
        return new Fingerprint(counter, counterVersion(counter), view.cpu(), view.libc(), view.kernel(),
                prepared.model().name());
    }

    /**
     * The guest's CPU is Valgrind's synthetic one under Valgrind; under perf and none it is what the
     * determinizer answers (or the host's), the same for both: one probe serves both.
     */
    static String probeCounter(String counter) {
        return counter.equals("valgrind") ? "valgrind" : "none";
    }

    /** Whether cpuid is virtualized on this host, as the probe found (cached like the rest). */
    static boolean cpuidVirtualized(String counter) {
        return guestView(probeCounter(counter)).cpuidVirtualized();
    }

    /** Whether rdtsc traps on this host, as the probe found. */
    static boolean rdtscVirtualized(String counter) {
        return guestView(probeCounter(counter)).rdtscVirtualized();
    }

    static String counterVersion(String counter) {
        switch (counter) {
            case "valgrind":
                try {
                    VbcountToolBuilder builder = new VbcountToolBuilder();
                    return builder.valgrindVersion() + ", vbcount " + VbcountToolBuilder.sourceHash();
                } catch (VbcountBuildException e) {
                    return null;
                }
            case "perf":
                return "perf_event_open, Linux " + System.getProperty("os.version");
            default:
                return null;
        }
    }

    static synchronized GuestView guestView(String probeCounter) {
        byte[] source = source();
        String key = cacheKey(source, probeCounter);
        GuestView known = MEMO.get(key);
        if (known != null) {
            return known;
        }
        Path cached = Caches.root().resolve("probe").resolve("answer-" + key + ".properties");
        GuestView view = load(cached);
        if (view == null) {
            view = probe(source, probeCounter);
            if (view.cpu() != null) {
                store(cached, view);
            }
        }
        MEMO.put(key, view);
        return view;
    }

    private static GuestView probe(byte[] source, String probeCounter) {
        Path binary;
        try {
            binary = build(source);
        } catch (IOException e) {
            System.err.println("vbench: note: the platform probe could not be built (" + firstLine(e.getMessage())
                    + "); the result's fingerprint lacks the guest's CPU, libc and kernel");
            return new GuestView(null, null, null, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the platform probe", e);
        }
        GuestOptions options = new GuestOptions();
        options.counter = probeCounter;
        options.timeout = TIMEOUT.toSeconds() + "s";
        try {
            GuestRun.Prepared prepared = GuestRun.prepare(options, List.of(binary.toString()));
            try (GuestRun.Completed run = prepared.execute(true)) {
                Map<String, String> kv = parse(Files.readAllLines(run.stdout(), StandardCharsets.UTF_8));
                if (run.outcome().shellStatus() != 0 || !kv.containsKey("vendor")) {
                    System.err.println("vbench: note: the platform probe failed (exit " + run.outcome().shellStatus()
                            + "); the result's fingerprint lacks the guest's CPU, libc and kernel");
                    return new GuestView(null, null, null, run.outcome().cpuidVirtualized(), run.outcome().rdtscVirtualized());
                }
                return new GuestView(cpu(kv), kv.get("libc"), kv.get("kernel"), run.outcome().cpuidVirtualized(),
                        run.outcome().rdtscVirtualized());
            }
        } catch (CommandResolver.Unrunnable | dev.vbench.clock.CounterSelection.Unavailable | IOException e) {
            System.err.println("vbench: note: the platform probe could not run (" + firstLine(e.getMessage())
                    + "); the result's fingerprint lacks the guest's CPU, libc and kernel");
            return new GuestView(null, null, null, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the platform probe", e);
        }
    }

    /** "Intel(R) Core(TM) i5 CPU 670 @ 3.47GHz (GenuineIntel family 6 model 37 stepping 2, features 0298e3ff...)" */
    static String cpu(Map<String, String> kv) {
        String brand = kv.getOrDefault("brand", "");
        String detail = kv.getOrDefault("vendor", "?") + " " + kv.getOrDefault("signature", "")
                + ", features " + kv.getOrDefault("features", "?");
        return (brand.isEmpty() ? "" : brand + " ") + "(" + detail.replaceAll("\\s+,", ",") + ")";
    }

    private static byte[] source() {
        try (InputStream in = PlatformProbe.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the platform probe's source is missing from the jar: " + SOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the probe once per source into the cache; gcc runs natively, before any tracing. */
    private static Path build(byte[] source) throws IOException, InterruptedException {
        Path dir = Caches.dir("probe", GuestRun.sha256Of(source).substring(0, 12));
        Path binary = dir.resolve("vbench-probe");
        if (Files.isExecutable(binary) && Caches.trusted(binary)) {
            return binary;
        }
        Path c = dir.resolve("probe.c");
        Files.write(c, source);
        Path tmp = Files.createTempFile(dir, ".probe-", ".tmp");
        NativeCommand.Outcome gcc = NativeCommand.run(List.of("gcc", "-O1", "-o", tmp.toString(), c.toString()), dir,
                HostEnvironment.get(), true, TIMEOUT);
        if (!gcc.succeeded()) {
            Files.deleteIfExists(tmp);
            throw new IOException("gcc: " + gcc.describe(TIMEOUT) + ": " + gcc.output().strip());
        }
        Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    private static String cacheKey(byte[] source, String probeCounter) {
        StringBuilder k = new StringBuilder();
        k.append("probe ").append(GuestRun.sha256Of(source)).append('\n');
        k.append("vbench ").append(VersionProvider.version()).append(' ').append(fileIdentity(codeLocation())).append('\n');
        k.append("counter ").append(probeCounter).append(' ').append(counterVersion(probeCounter)).append('\n');
        k.append("cpu ").append(hostCpuIdentity()).append('\n');
        k.append("libc ").append(fileIdentity(hostLibc())).append('\n');
        k.append("kernel ").append(System.getProperty("os.version")).append('\n');
        return GuestRun.sha256Of(k.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 20);
    }

    /** The first processor's identity lines and flags in /proc/cpuinfo (not its MHz, which moves). */
    private static String hostCpuIdentity() {
        StringBuilder s = new StringBuilder();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) {
                    break;
                }
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : line.trim();
                if (List.of("vendor_id", "cpu family", "model", "model name", "stepping", "microcode", "flags")
                        .contains(name)) {
                    s.append(line.trim()).append(';');
                }
            }
        } catch (IOException e) {
            s.append("unreadable");
        }
        return s.toString();
    }

    /** The C library this JVM runs with, from its own mappings: the one guests load too. */
    private static Path hostLibc() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (name.equals("libc.so.6") || name.matches("libc-[0-9.]+\\.so")) {
                    return Path.of(path);
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return null;
    }

    /** The jar (or classes directory) vbench runs from; null if the JVM will not say. */
    static Path codeLocation() {
        try {
            return Path.of(PlatformProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    /** Path, size and modification time: changes when the file is replaced. */
    private static String fileIdentity(Path file) {
        if (file == null) {
            return "-";
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file.toRealPath(), BasicFileAttributes.class);
            return file.toRealPath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return file + "|-";
        }
    }

    private static GuestView load(Path file) {
        if (!Files.isRegularFile(file) || !Caches.trusted(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String cpu = p.getProperty("cpu");
        String virtualized = p.getProperty("cpuid_virtualized");
        String rdtsc = p.getProperty("rdtsc_virtualized");
        if (cpu == null || virtualized == null || rdtsc == null) {
            return null;
        }
        return new GuestView(cpu, p.getProperty("libc"), p.getProperty("kernel"), Boolean.parseBoolean(virtualized),
                Boolean.parseBoolean(rdtsc));
    }

    private static void store(Path file, GuestView view) {
        Properties p = new Properties();
        p.setProperty("cpu", view.cpu());
        if (view.libc() != null) {
            p.setProperty("libc", view.libc());
        }
        if (view.kernel() != null) {
            p.setProperty("kernel", view.kernel());
        }
        p.setProperty("cpuid_virtualized", Boolean.toString(view.cpuidVirtualized()));
        p.setProperty("rdtsc_virtualized", Boolean.toString(view.rdtscVirtualized()));
        try {
            Caches.dir("probe");
            Path tmp = Files.createTempFile(file.getParent(), ".answer-", ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                p.store(out, "vbench platform probe: what a guest sees (delete to probe again)");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only cache: probe again next time
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The probe's KEY=VALUE lines, runs of blanks in values made one space (brand strings pad with them). */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1).trim().replaceAll("\\s+", " "));
            }
        }
        return kv;
    }
}

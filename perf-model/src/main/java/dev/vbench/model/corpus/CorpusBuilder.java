package dev.vbench.model.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the calibration corpus shipped in this jar into a directory and lists its points.
 *
 * <p>Each kind's program is built to {@code DIR/<kind>-<hash>}, where the hash covers the build
 * command, the compiler's version, the shared sources and the kind's source: an unchanged program
 * is never rebuilt, and a changed one (or a new compiler) never reuses a stale binary. A build runs
 * in a private scratch directory and its output is renamed into place, so a crashed or concurrent
 * build never leaves a half-written program under the final name.
 */
public final class CorpusBuilder {
    private static final String RESOURCES = "/dev/vbench/model/corpus/";
    private static final long BUILD_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final CorpusDescriptor descriptor;
    private final Map<String, String> compilerVersions = new HashMap<>();

    public CorpusBuilder(Path directory) {
        this(directory, bundledDescriptor());
    }

    /** Builds {@code descriptor}'s kinds (the bundled one, or a selection of it) into {@code directory}. */
    public CorpusBuilder(Path directory, CorpusDescriptor descriptor) {
        descriptor.validate();
        this.directory = directory.toAbsolutePath();
        this.descriptor = descriptor;
    }

    /** The descriptor shipped with vbench. */
    public static CorpusDescriptor bundledDescriptor() {
        try (InputStream in = resource("corpus.json")) {
            CorpusDescriptor d = new ObjectMapper().readValue(in, CorpusDescriptor.class);
            d.validate();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled corpus descriptor is unreadable", e);
        }
    }

    public CorpusDescriptor descriptor() {
        return descriptor;
    }

    /** Builds every kind (or reuses its cached build) and returns all points, kinds in descriptor order, sizes ascending. */
    public List<CorpusPoint> build() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        List<CorpusPoint> points = new ArrayList<>();
        for (CorpusDescriptor.Kind kind : descriptor.kinds()) {
            Path output = buildKind(kind);
            for (long size : kind.sizes()) {
                points.add(new CorpusPoint(kind.kind(), size, expand(descriptor.run().get(kind.language()), kind, output, null, size)));
            }
        }
        return points;
    }

    private Path buildKind(CorpusDescriptor.Kind kind) throws IOException, InterruptedException {
        List<String> command = descriptor.build().get(kind.language());
        Path target = directory.resolve(kind.kind() + "-" + hash(kind, command));
        if (Files.exists(target)) {
            return target;
        }
        Path scratch = Files.createTempDirectory(directory, ".build-" + kind.kind() + "-");
        try {
            for (String shared : descriptor.sharedSources()) {
                Files.write(scratch.resolve(shared), resourceBytes(shared));
            }
            Path source = scratch.resolve(kind.source());
            Files.write(source, resourceBytes(kind.source()));
            Path output = scratch.resolve("out");
            if (kind.language().equals("java")) {
                Files.createDirectory(output); // javac -d wants an existing directory
            }
            run(kind, expand(command, kind, output, source, 0), scratch);
            try {
                Files.move(output, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another builder finished the same inputs first: its output is as good as ours.
            } catch (AtomicMoveNotSupportedException impossible) {
                throw new IOException("cannot rename within " + directory, impossible);
            }
            return target;
        } finally {
            deleteRecursively(scratch);
        }
    }

    private void run(CorpusDescriptor.Kind kind, List<String> command, Path scratch) throws IOException, InterruptedException {
        Path log = scratch.resolve("build.log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(scratch.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new CorpusBuildException("cannot build corpus kind " + kind.kind() + ": " + command.get(0)
                    + " did not start (" + e.getMessage() + "); the corpus needs gcc and a JDK");
        }
        if (!process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new CorpusBuildException("building corpus kind " + kind.kind() + " took over " + BUILD_TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new CorpusBuildException("building corpus kind " + kind.kind() + " failed (status " + process.exitValue()
                    + "): " + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** Fills a command template; {source} is null when running, {size} unused when building. */
    private static List<String> expand(List<String> template, CorpusDescriptor.Kind kind, Path output, Path source, long size) {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        List<String> argv = new ArrayList<>();
        for (String word : template) {
            argv.add(word.replace("{output}", output.toString())
                    .replace("{source}", source == null ? "" : source.toString())
                    .replace("{size}", Long.toString(size))
                    .replace("{main_class}", kind.mainClass() == null ? "" : kind.mainClass())
                    .replace("{java}", javaBin.resolve("java").toString())
                    .replace("{javac}", javaBin.resolve("javac").toString()));
        }
        return argv;
    }

    /** First 12 hex digits of SHA-256 over everything the built program depends on. */
    private String hash(CorpusDescriptor.Kind kind, List<String> command) throws IOException, InterruptedException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        update(md, String.join("\0", command).getBytes(StandardCharsets.UTF_8));
        update(md, compilerVersion(kind.language(), command).getBytes(StandardCharsets.UTF_8));
        for (String shared : descriptor.sharedSources()) {
            update(md, shared.getBytes(StandardCharsets.UTF_8));
            update(md, resourceBytes(shared));
        }
        update(md, kind.source().getBytes(StandardCharsets.UTF_8));
        update(md, resourceBytes(kind.source()));
        return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    }

    /** Length-prefixed, so that no two different input lists hash alike. */
    private static void update(MessageDigest md, byte[] bytes) {
        md.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }

    private String compilerVersion(String language, List<String> command) throws IOException, InterruptedException {
        if (language.equals("java")) {
            return "java " + Runtime.version();
        }
        String cached = compilerVersions.get(command.get(0));
        if (cached != null) {
            return cached;
        }
        Process p;
        try {
            p = new ProcessBuilder(command.get(0), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CorpusBuildException("cannot run the corpus compiler " + command.get(0) + ": " + e.getMessage()
                    + " (install it: apt-get install gcc)");
        }
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        p.waitFor();
        compilerVersions.put(command.get(0), version);
        return version;
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = CorpusBuilder.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("corpus file " + name + " is missing from the classpath (" + RESOURCES + ")");
        }
        return in;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

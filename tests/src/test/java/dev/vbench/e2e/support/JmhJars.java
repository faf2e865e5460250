package dev.vbench.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a JMH benchmarks jar at test time the way JMH's archetype does: javac with JMH's annotation
 * processor (jmh-generator-annprocess from the local Maven repository, on the tests' class path),
 * then one jar of the compiled and generated classes, META-INF/BenchmarkList and CompilerHints, and
 * jmh-core with its dependencies (jopt-simple, commons-math3), main class org.openjdk.jmh.Main.
 */
public final class JmhJars {
    private JmhJars() {}

    /** The jar file a class was loaded from. */
    static Path jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(className + " is not on the tests' class path (a test dependency of the tests "
                    + "module)", e);
        }
    }

    /** jmh-core and what it needs at run time. */
    static List<Path> runtime() {
        return List.of(jarOf("org.openjdk.jmh.Main"), jarOf("joptsimple.OptionParser"),
                jarOf("org.apache.commons.math3.stat.descriptive.moment.Mean"));
    }

    /**
     * Compiles {@code sources} (file name relative to the source root, e.g. "bench/Work.java", to
     * its text) and writes {@code jar}.
     */
    public static Path build(Path workDir, java.util.Map<String, String> sources, Path jar) throws IOException {
        Path src = workDir.resolve("src");
        Path classes = workDir.resolve("classes");
        Path generated = workDir.resolve("generated");
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        List<String> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        String classpath = String.join(":", runtime().stream().map(Path::toString).toList());
        String processorPath = jarOf("org.openjdk.jmh.generators.BenchmarkProcessor") + ":" + classpath;
        List<String> args = new ArrayList<>(List.of("-cp", classpath, "-processorpath", processorPath, "-d",
                classes.toString(), "-s", generated.toString()));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, err, err, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed:\n" + err);
        }
        if (!Files.isRegularFile(classes.resolve("META-INF/BenchmarkList"))) {
            throw new IllegalStateException("JMH's annotation processor wrote no META-INF/BenchmarkList:\n" + err);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.openjdk.jmh.Main");
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            seen.add("META-INF/MANIFEST.MF");
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(p).toString();
                    if (seen.add(name)) {
                        put(out, name, Files.newInputStream(p));
                    }
                }
            }
            for (Path lib : runtime()) {
                try (JarFile in = new JarFile(lib.toFile())) {
                    for (JarEntry e : in.stream().sorted(java.util.Comparator.comparing(JarEntry::getName)).toList()) {
                        String name = e.getName();
                        if (e.isDirectory() || name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA")
                                || name.endsWith(".DSA") || name.equals("META-INF/MANIFEST.MF")) || !seen.add(name)) {
                            continue;
                        }
                        put(out, name, in.getInputStream(e));
                    }
                }
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, InputStream in) throws IOException {
        try (in) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + name, e);
        }
    }
}

package dev.vbench.baselines;

import java.io.IOException;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Starts short-lived JVMs running test code, as cheaply as possible: the classes they need are
 * packed into jars (class directories cannot be archived) and a class-data archive of one run is
 * recorded, which roughly halves the CPU time of each later start. If the archive cannot be made,
 * children simply start without it.
 */
final class ChildJvms {
    private final List<String> prefix;

    private ChildJvms(List<String> prefix) {
        this.prefix = prefix;
    }

    /**
     * @param work       a scratch directory for the jars and the archive
     * @param roots      classes whose code sources (directory or jar) make up the class path
     * @param recordArgs arguments of a run that exits normally, used to record the archive
     */
    static ChildJvms prepare(Path work, List<Class<?>> roots, List<String> recordArgs) throws Exception {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : roots) {
            sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        List<String> classPath = new ArrayList<>();
        int n = 0;
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                Path jar = work.resolve("cp" + n++ + ".jar");
                pack(source, jar);
                classPath.add(jar.toString());
            } else {
                classPath.add(source.toString());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-cp", String.join(":", classPath));
        Path archive = work.resolve("children.jsa");
        List<String> record = new ArrayList<>(base);
        record.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        record.addAll(recordArgs);
        Process p = new ProcessBuilder(record).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean archived = p.waitFor() == 0 && Files.isRegularFile(archive);
        List<String> prefix = new ArrayList<>(base);
        prefix.add(1, archived ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto");
        return new ChildJvms(List.copyOf(prefix));
    }

    /** Starts {@code java ... ARGS}; stderr goes to the test's. */
    Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                try (var in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}

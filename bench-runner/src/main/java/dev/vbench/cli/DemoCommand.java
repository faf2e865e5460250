package dev.vbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code vbench demo}: builds a bundled C program whose output varies on every native run, runs it
 * twice natively and twice under vbench, and shows the four outputs side by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a bundled program whose output varies natively, twice natively and twice under vbench, side by side.")
final class DemoCommand implements Callable<Integer> {
    private static final String SOURCE = "/dev/vbench/demo/varies.c";

    @Override
    public Integer call() throws Exception {
        Path program = build();
        // Native runs use ProcessBuilder and finish before any tracing starts (the JDK's reaper and
        // the supervisor's waitpid must never be active at the same time).
        List<List<String>> outputs = new ArrayList<>();
        outputs.add(runNatively(program));
        outputs.add(runNatively(program));
        GuestOptions options = new GuestOptions(); // the defaults, counter auto included
        GuestRun.Prepared prepared = GuestRun.prepare(options, List.of(program.toString()));
        GuestRun.Completed first = null;
        for (int i = 0; i < 2; i++) {
            try (GuestRun.Completed run = prepared.execute(true)) {
                outputs.add(Files.readAllLines(run.stdout()));
                first = first == null ? run : first;
            }
        }
        return report(outputs, prepared, first);
    }

    private int report(List<List<String>> outputs, GuestRun.Prepared prepared, GuestRun.Completed vbenchRun) {
        System.out.println("vbench demo: the same program, run twice natively and twice under `vbench run`\n");
        String format = "%-15s %-22s %-22s | %-22s %-22s%n";
        System.out.printf(Locale.ROOT, format, "", "native #1", "native #2", "vbench #1", "vbench #2");
        int lines = outputs.get(0).size();
        int variedNatively = 0;
        int variedUnderVbench = 0;
        for (int i = 0; i < lines; i++) {
            String label = field(outputs.get(0), i, true);
            String[] v = new String[4];
            for (int r = 0; r < 4; r++) {
                v[r] = field(outputs.get(r), i, false);
            }
            variedNatively += v[0].equals(v[1]) ? 0 : 1;
            variedUnderVbench += v[2].equals(v[3]) ? 0 : 1;
            System.out.printf(Locale.ROOT, format, label, clip(v[0]), clip(v[1]), clip(v[2]), clip(v[3]));
        }
        System.out.printf(Locale.ROOT, "%n%d of %d lines differ between the native runs; %d differ under vbench.%n",
                variedNatively, lines, variedUnderVbench);
        System.out.printf(Locale.ROOT, "Virtual time of the vbench run: %s, %d system calls, counted by %s.%n",
                String.format(Locale.ROOT, "%.6f s", vbenchRun.outcome().virtualNanos() / 1e9), vbenchRun.outcome().syscalls(),
                prepared.counter().backend().name());
        GuestRun.notes(prepared, vbenchRun).forEach(n -> System.out.println("note: " + n));
        return variedUnderVbench == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    private static String field(List<String> lines, int i, boolean label) {
        String line = i < lines.size() ? lines.get(i) : "";
        String key = line.length() >= 16 ? line.substring(0, 16).trim() : line.trim();
        return label ? key : (line.length() > 16 ? line.substring(16).trim() : "");
    }

    private static String clip(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "…";
    }

    /** Compiles the bundled source once into the user's cache, keyed by the source's hash. */
    private static Path build() throws IOException, InterruptedException {
        byte[] source;
        try (InputStream in = DemoCommand.class.getResourceAsStream(SOURCE)) {
            source = in.readAllBytes();
        }
        String hash = GuestRun.sha256Of(source).substring(0, 12);
        Path dir = Caches.root().resolve("demo").resolve(hash);
        Path binary = dir.resolve("varies");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(dir);
        Path c = dir.resolve("varies.c");
        Files.write(c, source);
        Path tmp = dir.resolve("varies.tmp");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", tmp.toString(), c.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IOException("gcc could not build the demo program:\n" + log);
        }
        Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    private static List<String> runNatively(Path program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return lines;
    }
}

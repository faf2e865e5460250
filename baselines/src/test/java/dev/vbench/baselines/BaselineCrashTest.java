package dev.vbench.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.io.ResultIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a separate JVM that saves baselines in a loop, at a random moment, 100 times over
 * the same store, and checks after each kill that every baseline file present is complete and
 * parses. The same harness run against in-place writes must find corruption, so a store that
 * stopped writing atomically would fail here.
 *
 * <p>Speed: each kill costs a JVM start, so the next writers are started (and warm up, touching
 * nothing) while the current one writes; writers start from a class-data archive.
 */
class BaselineCrashTest {
    private static final int TRIES = 100;
    /** Writers starting up at once, ahead of the one being killed: one per core keeps both busy. */
    private static final int WARMING = Math.max(2, Runtime.getRuntime().availableProcessors());

    @TempDir
    static Path work;

    private static ChildJvms jvms;

    /** Fixed seed: the kill delays are reproducible, the scheduling around them is not. */
    private final Random random = new Random(20240601);

    @BeforeAll
    static void prepare() throws Exception {
        jvms = ChildJvms.prepare(work, List.of(CrashWriter.class, BaselineStore.class, ResultIO.class,
                        ObjectMapper.class, JsonGenerator.class, JsonProperty.class),
                List.of(CrashWriter.class.getName(), work.resolve("record").toString(), "once"));
    }

    @Test
    void aWriterKilledAtRandomPointsLeavesNoCorruptBaseline() throws Exception {
        Path store = work.resolve("atomic");
        List<String> problems = new ArrayList<>();
        int temporaries = run(store, "atomic", TRIES, problems);
        System.out.println(TRIES + " kills: " + problems.size() + " corrupt baselines, " + temporaries
                + " temporaries left by kills during a write");
        assertThat(problems).as("corrupt baselines after %d kills", TRIES).isEmpty();
        assertThat(new BaselineStore(store).list()).extracting(BaselineStore.Entry::name)
                .as("every name was written").containsExactlyInAnyOrderElementsOf(CrashWriter.NAMES);
        // Kills that land mid-write leave a temporary behind; none at all would mean no kill hit a
        // write, and this test would prove nothing.
        assertThat(temporaries).as("temporaries left by kills during a write").isPositive();
    }

    @Test
    void theSameKillsCatchAWriterThatWritesInPlace() throws Exception {
        List<String> problems = new ArrayList<>();
        run(work.resolve("plain"), "plain", 6, problems);
        assertThat(problems).as("in-place writes killed midway leave corrupt files").isNotEmpty();
    }

    /** Kills {@code tries} writers in turn; returns the temporaries left at the end. */
    private int run(Path store, String mode, int tries, List<String> problems) throws Exception {
        Deque<Process> warming = new ArrayDeque<>();
        try {
            int started = 0;
            for (; started < Math.min(WARMING, tries); started++) {
                warming.add(start(store, mode, started));
            }
            for (int attempt = 0; attempt < tries; attempt++) {
                Process writer = warming.removeFirst();
                BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).as("writer %d warmed up", attempt).isEqualTo("warm");
                if (started < tries) {
                    warming.add(start(store, mode, started++)); // warms up while this one writes
                }
                OutputStream in = writer.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertThat(out.readLine()).as("writer %d saved once", attempt).isEqualTo("ready");
                Thread.sleep(random.nextInt(40));
                // destroyForcibly is SIGKILL on Linux: no shutdown hooks, no finally blocks.
                writer.destroyForcibly();
                assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                for (Path f : files(store, ".json")) {
                    String problem = problem(f);
                    if (problem != null) {
                        problems.add("kill " + attempt + ": " + f.getFileName() + ": " + problem);
                    }
                }
            }
            return files(store, ".tmp").size();
        } finally {
            warming.forEach(Process::destroyForcibly);
        }
    }

    private static Process start(Path store, String mode, int attempt) throws IOException {
        return jvms.start(List.of(CrashWriter.class.getName(), store.toString(), mode, Integer.toString(attempt)));
    }

    private static List<Path> files(Path store, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String problem(Path f) {
        try {
            return CrashWriter.check(ResultIO.read(f));
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }
}

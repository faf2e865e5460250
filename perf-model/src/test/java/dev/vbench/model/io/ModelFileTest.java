package dev.vbench.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vbench.model.CalibratedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static CalibratedModel model() {
        return new CalibratedModel("cal-valgrind-0123456789ab", Instant.parse("2026-12-01T10:15:30Z"), "AMD EPYC, 2 cpus",
                "valgrind",
                List.of(new CalibratedModel.Coefficient("instructions", 0.25, 0.01),
                        new CalibratedModel.Coefficient("syscalls", 1200, 35),
                        new CalibratedModel.Coefficient("threads", 0, Double.NaN)),
                new CalibratedModel.FitSummary("nnls", "relative", 56, 14, 0.97, 0.965, 4.5, 31.0, 1.8),
                List.of(new CalibratedModel.Alternative("hermit-fixed", "Hermit", 80.0, 400.0, null),
                        new CalibratedModel.Alternative("ols-absolute", "OLS", Double.NaN, Double.NaN, "features are linearly dependent")));
    }

    @Test
    void roundTrip() throws Exception {
        Path file = dir.resolve("model.json");
        CalibratedModel written = model();
        ModelFileWriter.write(file, written);
        CalibratedModel read = ModelFileReader.read(file, "valgrind");
        assertThat(read.id()).isEqualTo(written.id());
        assertThat(read.created()).isEqualTo(written.created());
        assertThat(read.host()).isEqualTo(written.host());
        assertThat(read.features()).containsExactly("instructions", "syscalls", "threads");
        assertThat(read.coefficients()).isEqualTo(written.coefficients()); // record equality: NaN equals NaN
        assertThat(read.fit()).isEqualTo(written.fit());
        assertThat(read.alternatives()).isEqualTo(written.alternatives());
        Map<String, Long> counts = Map.of("instructions", 4_000_000L, "syscalls", 10L, "threads", 3L, "unknown", 9L);
        assertThat(read.price(counts)).isEqualTo(written.price(counts)).isEqualTo(1_000_000 + 12_000);

        String json = Files.readString(file);
        assertThat(json).contains("\"schema\" : \"vbench.model/1\"", "\"cv_median_abs_pct_error\" : 4.5",
                "\"noise_floor_pct\" : 1.8", "\"standard_error\" : null");
    }

    @Test
    void writingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old");
        ModelFileWriter.write(file, model());
        assertThat(ModelFileReader.read(file).id()).isEqualTo(model().id());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aModelThatCouldNotBeReadBackIsNotWritten() throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "previous content");
        CalibratedModel m = model();
        CalibratedModel broken = new CalibratedModel(m.id(), m.created(), m.host(), m.counter(), m.coefficients(),
                new CalibratedModel.FitSummary("nnls", "relative", 56, 14, Double.NaN, 0.9, 4.5, 31.0, 1.8), m.alternatives());
        assertThatThrownBy(() -> ModelFileWriter.write(file, broken)).isInstanceOf(ModelFileException.class).hasMessageContaining("r2");
        assertThat(Files.readString(file)).isEqualTo("previous content");
    }

    @Test
    void refusesAModelForAnotherCounterBackend() throws Exception {
        Path file = dir.resolve("model.json");
        ModelFileWriter.write(file, model());
        assertThatThrownBy(() -> ModelFileReader.read(file, "perf"))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'valgrind'").hasMessageContaining("'perf'")
                .satisfies(e -> assertThat(((ModelFileException) e).file()).isEqualTo(file));
    }

    @Test
    void refusesTruncatedJson() throws Exception {
        String whole = written();
        assertRefused(whole.substring(0, whole.length() / 2), "not valid JSON");
        assertRefused("", "empty");
        assertRefused(whole + "{}", "not valid JSON");
    }

    @Test
    void refusesNaNCoefficientsWhicheverWayTheyAreWritten() throws Exception {
        String whole = written();
        assertRefused(whole.replace("\"ns_per_unit\" : 0.25", "\"ns_per_unit\" : NaN"), "not valid JSON");
        assertRefused(whole.replace("\"ns_per_unit\" : 0.25", "\"ns_per_unit\" : \"NaN\""),
                "coefficients.instructions.ns_per_unit must be a finite number");
        assertRefused(whole.replace("\"ns_per_unit\" : 0.25", "\"ns_per_unit\" : -0.25"), "negative");
    }

    @Test
    void refusesMissingFitFields() throws Exception {
        for (String field : List.of("r2", "adjusted_r2", "cv_median_abs_pct_error", "cv_max_abs_pct_error", "noise_floor_pct")) {
            ObjectNode tree = writtenTree();
            assertThat(((ObjectNode) tree.get("fit")).remove(field)).isNotNull();
            assertRefused(JSON.writeValueAsString(tree), field);
        }
        ObjectNode tree = writtenTree();
        tree.remove("fit");
        assertRefused(JSON.writeValueAsString(tree), "'fit' is missing");
    }

    @Test
    void refusesOtherInconsistencies() throws Exception {
        String whole = written();
        assertRefused(whole.replace("vbench.model/1", "vbench.model/2"), "not supported");
        assertRefused(whole.replace("vbench.model/1", "vbench.result/1"), "not a vbench model");
        assertRefused(whole.replace("\"threads\" ]", "\"threads\", \"bytes_read\" ]"), "no coefficient for feature 'bytes_read'");
        assertRefused(whole.replace("\"syscalls\", ", ""), "coefficient 'syscalls' is not one of the features");
        assertRefused(whole.replace("\"counter\" : \"valgrind\",", ""), "'counter' is missing");
        assertRefused("[1, 2]", "not a JSON object");
    }

    @Test
    void aMissingFileIsAModelFileError() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> ModelFileReader.read(file)).isInstanceOf(ModelFileException.class).hasMessageContaining("cannot be read");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectNode writtenTree() throws Exception {
        return (ObjectNode) JSON.readTree(written());
    }

    private String written() throws Exception {
        Path file = dir.resolve("good.json");
        ModelFileWriter.write(file, model());
        return Files.readString(file);
    }

    private void assertRefused(String content, String problem) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelFileReader.read(file, "valgrind"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining(file.toString()).hasMessageContaining(problem);
    }

    @Test
    void aModelReadFromBytesIsNamedInMessagesAndCheckedForItsCounter() throws Exception {
        Path file = dir.resolve("model.json");
        ModelFileWriter.write(file, model());
        Path name = Path.of("builtin:valgrind.json");
        CalibratedModel read = ModelFileReader.read(Files.readAllBytes(file), name);
        assertThat(read.id()).isEqualTo(model().id());
        assertThat(ModelFileReader.requireCounter(read, name, "valgrind")).isSameAs(read);
        assertThatThrownBy(() -> ModelFileReader.requireCounter(read, name, "none"))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("builtin:valgrind.json")
                .hasMessageContaining("'valgrind'").hasMessageContaining("'none'");
        assertThatThrownBy(() -> ModelFileReader.read("{\"schema\": ".getBytes(StandardCharsets.UTF_8), name))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("builtin:valgrind.json")
                .hasMessageContaining("not valid JSON");
    }
}

package dev.vbench.model.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.model.CalibratedModel;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.io.CalibrationCsv;
import dev.vbench.model.io.ModelFileReader;
import dev.vbench.model.io.ModelFileWriter;
import dev.vbench.model.wall.WallClockSampler;
import dev.vbench.model.wall.WallSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibratorTest {
    @TempDir
    Path dir;

    /** A count source as the CLI will provide one, here from the synthetic truth; records its calls. */
    static final class SyntheticCounts implements CountSource {
        final List<String> calls;

        SyntheticCounts(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public String counter() {
            return "valgrind";
        }

        @Override
        public Map<String, Long> counts(CorpusPoint point) {
            calls.add("count " + point.id());
            return SyntheticCorpus.counts(point);
        }
    }

    @Test
    void countsEveryPointThenTimesThemAllAndFits() throws Exception {
        List<String> calls = new ArrayList<>();
        Random random = new Random(9);
        CalibrationReport report = new Calibrator(SyntheticCorpus.FEATURES, new SyntheticCounts(calls), points -> {
            calls.add("time " + points.size());
            List<WallSample> samples = new ArrayList<>();
            for (CorpusPoint p : points) {
                samples.add(SyntheticCorpus.wall(p, 0.02, random));
            }
            return samples;
        }).calibrate(SyntheticCorpus.points());

        assertThat(calls).hasSize(25).last().isEqualTo("time 24");
        assertThat(calls.subList(0, 24)).allMatch(c -> c.startsWith("count "));
        assertThat(report.features()).isEqualTo(SyntheticCorpus.FEATURES);
        assertThat(report.fit().names()).isEqualTo(SyntheticCorpus.FEATURES.names());
        assertThat(report.evaluation(report.chosen()).cv().medianAbsPctError()).isLessThan(3);
    }

    @Test
    void duplicatePointsAreRefused() {
        CorpusPoint p = SyntheticCorpus.points().get(0);
        Calibrator calibrator = new Calibrator(FeatureSet.DEFAULT, new SyntheticCounts(new ArrayList<>()), points -> List.of());
        assertThatThrownBy(() -> calibrator.calibrate(List.of(p, p))).hasMessageContaining("listed twice");
    }

    /**
     * The whole pipeline on real processes: two kinds of sleeping commands timed by the real sampler,
     * counts from a fake source (what the engine would report: slept nanoseconds and processes), then
     * the model file and the CSV written and read back. Structure only: no assertion on speed.
     */
    @Test
    void endToEndWithRealWallTimesWritesAReadableModelAndCsv() throws Exception {
        List<CorpusPoint> points = new ArrayList<>();
        for (long millis : List.of(5L, 15L, 30L)) {
            points.add(new CorpusPoint("sleep", millis, List.of("sleep", String.format("0.%03d", millis))));
            points.add(new CorpusPoint("shell-sleep", millis, List.of("/bin/sh", "-c", String.format("sleep 0.%03d", millis))));
        }
        CountSource counts = new CountSource() {
            @Override
            public String counter() {
                return "none";
            }

            @Override
            public Map<String, Long> counts(CorpusPoint point) {
                return Map.of("sleep_ns", point.size() * 1_000_000, "processes", point.kind().equals("sleep") ? 1L : 2L);
            }
        };
        WallClockSampler sampler = new WallClockSampler(new WallClockSampler.Settings(1, 3, 1, Duration.ofSeconds(30), 1));
        FeatureSet features = FeatureSet.of("sleep_ns", "processes");
        Calibrator calibrator = new Calibrator(features, counts, sampler);
        CalibrationReport report = calibrator.calibrate(points);

        CalibratedModel model = report.toModel(calibrator.counter(), HostDescription.current(), Instant.now());
        Path modelFile = dir.resolve("model.json");
        ModelFileWriter.write(modelFile, model);
        CalibratedModel read = ModelFileReader.read(modelFile, "none");
        assertThat(read.features()).containsExactly("sleep_ns", "processes");
        assertThat(read.fit().points()).isEqualTo(6);
        assertThat(read.fit().kinds()).isEqualTo(2);
        assertThat(read.coefficients()).allSatisfy(c -> assertThat(c.nanosPerUnit()).isGreaterThanOrEqualTo(0));
        assertThat(read.price(Map.of("sleep_ns", 1_000_000L))).isEqualTo(model.price(Map.of("sleep_ns", 1_000_000L)));

        Path csv = dir.resolve("points.csv");
        CalibrationCsv.write(csv, features, report.points());
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            List<Map<String, String>> all = rows.readAll();
            assertThat(all).hasSize(6);
            assertThat(all.get(0).keySet()).containsExactly("kind", "size", "sleep_ns", "processes", "wall_median_ns",
                    "wall_p10_ns", "wall_p90_ns", "predicted_ns", "held_out_predicted_ns");
            assertThat(all.get(0)).containsEntry("kind", "sleep").containsEntry("size", "5").containsEntry("sleep_ns", "5000000");
            for (Map<String, String> row : all) {
                assertThat(Long.parseLong(row.get("wall_p10_ns"))).isLessThanOrEqualTo(Long.parseLong(row.get("wall_median_ns")));
                assertThat(Long.parseLong(row.get("wall_median_ns"))).isLessThanOrEqualTo(Long.parseLong(row.get("wall_p90_ns")));
            }
        }
    }
}

package dev.vbench.baselines.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinceAndRevisionTest {
    @TempDir
    Path dir;

    @Test
    void sinceIsADateATimeOrACommit() {
        assertThat(Since.parse("2024-03-01")).isEqualTo(new Since.Time(Instant.parse("2024-03-01T00:00:00Z")));
        assertThat(Since.parse("2024-03-01T12:30:00+02:00")).isEqualTo(new Since.Time(Instant.parse("2024-03-01T10:30:00Z")));
        assertThat(Since.parse("9fceb02")).isEqualTo(new Since.Commit("9fceb02"));
        assertThatThrownBy(() -> Since.parse("9fc")).isInstanceOf(HistoryException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Since.parse("2024-13-01")).isInstanceOf(HistoryException.class).hasMessageContaining("not a date");
        assertThatThrownBy(() -> Since.parse("2024-03-01T12:00")).isInstanceOf(HistoryException.class).hasMessageContaining("zone");
    }

    @Test
    void aResultsRevisionGivesCommitBranchAndTime() throws Exception {
        Path file = Files.writeString(dir.resolve("r.json"), "{\"schema\": \"vbench.result/1\", \"revision\": "
                + "{\"commit\": \"9fceb02\", \"branch\": \"main\", \"time\": \"2024-03-01T12:00:00Z\"}}");
        assertThat(Revision.read(file)).isEqualTo(new Revision("9fceb02", "main", Instant.parse("2024-03-01T12:00:00Z")));
        Path partial = Files.writeString(dir.resolve("p.json"), "{\"revision\": {\"commit\": \"abc1\"}}");
        assertThat(Revision.read(partial)).isEqualTo(new Revision("abc1", null, null));
        Path none = Files.writeString(dir.resolve("n.json"), "{\"schema\": \"vbench.result/1\"}");
        assertThat(Revision.read(none)).isEqualTo(Revision.NONE);
    }

    @Test
    void aMalformedRevisionIsNamed() throws Exception {
        Path number = Files.writeString(dir.resolve("a.json"), "{\"revision\": {\"commit\": 42}}");
        assertThatThrownBy(() -> Revision.read(number)).isInstanceOf(HistoryException.class)
                .hasMessage(number + ": \"revision.commit\" must be a string, not 42");
        Path time = Files.writeString(dir.resolve("b.json"), "{\"revision\": {\"time\": \"yesterday\"}}");
        assertThatThrownBy(() -> Revision.read(time)).hasMessageContaining("\"revision.time\" must be an ISO-8601 time");
        Path array = Files.writeString(dir.resolve("c.json"), "{\"revision\": []}");
        assertThatThrownBy(() -> Revision.read(array)).hasMessageContaining("must be an object");
    }

    @Test
    void provenanceNamesMayNotBeBlankOrContainSpace() {
        assertThatThrownBy(() -> new Provenance(" ", "main", Instant.EPOCH)).hasMessage("the commit may not be empty");
        assertThatThrownBy(() -> new Provenance("abc", "my branch", Instant.EPOCH))
                .hasMessage("the branch 'my branch' contains white space or a control character");
        assertThatThrownBy(() -> new Provenance("a".repeat(256), "main", Instant.EPOCH)).hasMessageContaining("longer than 255");
    }
}

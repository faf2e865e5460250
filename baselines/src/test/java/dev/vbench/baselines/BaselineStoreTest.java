package dev.vbench.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.io.ResultFormatException;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {
    @TempDir
    Path dir;

    static Result result(String version, long vt) {
        return Result.of(new VbenchInfo(version), Environment.builder().counter("none").cpus(4).build(),
                List.of(Benchmark.builder("b").virtualTimeNs(vt).deterministic(true).runs(1).build()));
    }

    @Test
    void savesLoadsListsReplacesAndDeletes() throws Exception {
        BaselineStore store = new BaselineStore(dir.resolve("nested/baselines"));
        assertThat(store.list()).as("an absent directory is an empty store").isEmpty();

        Path file = store.save("main", result("1", 10));
        store.save("v1.2.3-rc_1@x+y", result("2", 20));
        assertThat(file).isEqualTo(dir.resolve("nested/baselines/main.json"));
        assertThat(store.load("main")).isEqualTo(result("1", 10));
        assertThat(store.list()).extracting(BaselineStore.Entry::name).containsExactly("main", "v1.2.3-rc_1@x+y");

        store.save("main", result("3", 30));
        assertThat(store.load("main")).as("save replaces").isEqualTo(result("3", 30));
        try (var files = Files.list(store.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporaries left")
                    .containsExactlyInAnyOrder("main.json", "v1.2.3-rc_1@x+y.json");
        }

        store.delete("main");
        assertThat(store.list()).extracting(BaselineStore.Entry::name).containsExactly("v1.2.3-rc_1@x+y");
        assertThatThrownBy(() -> store.delete("main")).isInstanceOf(BaselineStore.NoSuchBaselineException.class)
                .hasMessageContaining("no baseline named 'main' in").hasMessageContaining("(there are: v1.2.3-rc_1@x+y)");
    }

    @Test
    void aMissingBaselineSaysWhatThereIs() {
        BaselineStore store = new BaselineStore(dir);
        assertThatThrownBy(() -> store.load("nope")).isInstanceOf(BaselineStore.NoSuchBaselineException.class)
                .hasMessage("no baseline named 'nope' in " + dir
                        + " (there are none; save one with vbench baseline save NAME RESULT)");
    }

    @Test
    void aCorruptBaselineIsAFormatErrorNamingTheFile() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Files.writeString(dir.resolve("broken.json"), "{\"schema\": \"vbench.result/1\", ");
        assertThatThrownBy(() -> store.load("broken")).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining(dir.resolve("broken.json").toString()).hasMessageContaining("malformed JSON");
    }

    @Test
    void listShowsOnlyBaselinesNotTemporariesOrForeignFiles() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.save("ok", result("1", 1));
        Files.writeString(dir.resolve(".ok.json.1234abcd.tmp"), "{");
        Files.writeString(dir.resolve(".hidden.json"), "{}");
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectory(dir.resolve("sub.json"));
        assertThat(store.list()).extracting(BaselineStore.Entry::name).containsExactly("ok");
    }

    @Test
    void aSaveRemovesTemporariesThatKilledWritersLeftLongAgoButNotRecentOnes() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Path old = Files.writeString(dir.resolve(".main.json.0123456789abcdef.tmp"), "{\"sch");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(BaselineStore.STALE).minusSeconds(60)));
        Path recent = Files.writeString(dir.resolve(".main.json.fedcba9876543210.tmp"), "{");
        Path otherName = Files.writeString(dir.resolve(".mainline.json.0000000000000000.tmp"), "{");
        Files.setLastModifiedTime(otherName, Files.getLastModifiedTime(old));

        store.save("main", result("1", 1));

        assertThat(old).doesNotExist();
        assertThat(recent).as("may be a save under way").exists();
        assertThat(otherName).as("another baseline's").exists();
        assertThat(store.load("main")).isEqualTo(result("1", 1));
    }

    @Test
    void namesCannotEscapeTheDirectoryOrHideAsTemporaries() {
        for (String bad : List.of("", "a/b", "../x", "..", ".", ".hidden", "a..b", "a\\b", "with space", "tab\t",
                "new\nline", "x".repeat(101), "-leading-dash", "colon:x", "nul\0")) {
            assertThatThrownBy(() -> BaselineStore.validateName(bad)).as("'%s'", bad)
                    .isInstanceOf(BaselineStore.InvalidNameException.class);
        }
        assertThatThrownBy(() -> BaselineStore.validateName("a/b")).hasMessage("baseline name 'a/b' contains a path separator");
        assertThatThrownBy(() -> BaselineStore.validateName(".x")).hasMessage("baseline name '.x' starts with a dot");
        for (String good : List.of("main", "v1.2", "release-2024_01", "pr@123", "a+b", "x".repeat(100), "7")) {
            assertThat(BaselineStore.validateName(good)).isEqualTo(good);
        }
        BaselineStore store = new BaselineStore(dir);
        assertThatThrownBy(() -> store.save("../escape", result("1", 1))).isInstanceOf(BaselineStore.InvalidNameException.class);
        assertThat(dir.getParent().resolve("escape.json")).doesNotExist();
    }
}

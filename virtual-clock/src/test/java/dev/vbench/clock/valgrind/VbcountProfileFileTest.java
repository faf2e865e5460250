package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VbcountProfileFileTest {
    static final String IMAGE = """
            vbcount-profile 1
            image 1000 exec 0 /bin/sh
            totals 30 4 1 2
            fn 1\t1\t/bin/sh\tmain\tsh.c\t12
            fn 2\t0\t???\t???\t\t0
            thread 1
            node 1 0 1 1 10 2 0 1
            node 2 1 2 3 20 2 1 1
            code 2 0x7f00 20 2 1
            end
            """;

    @Test
    void readsSectionsOfEveryImage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vbcount-attr.1000");
        Files.writeString(f, IMAGE + IMAGE.replace("exec", "exit"));
        List<VbcountProfileFile.Image> images = VbcountProfileFile.read(f);
        assertThat(images).hasSize(2);
        VbcountProfileFile.Image i = images.get(0);
        assertThat(i.reason()).isEqualTo("exec");
        assertThat(i.exe()).isEqualTo("/bin/sh");
        assertThat(i.totals()).containsExactly(30, 4, 1, 2);
        assertThat(i.nodeSums()).containsExactly(30, 4, 1, 2);
        assertThat(i.functions().get(1).file()).isEqualTo("sh.c");
        assertThat(i.functions().get(2).known()).isFalse();
        assertThat(i.threads().get(0).nodes().get(1).calls()).isEqualTo(3);
        assertThat(i.code().get(0).address()).isEqualTo(0x7f00);
    }

    @Test
    void refusesWhatIsNotAProfileNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p");
        for (String bad : List.of(IMAGE.replace("node 2 1 2 3", "node 2 1 9 3"), IMAGE.replace("totals 30 4 1 2", "totals 30 4"),
                IMAGE.replace("thread 1\n", ""), IMAGE.replace("end\n", ""), "hello\n" + IMAGE,
                IMAGE.replace("node 1 0 1 1 10", "node 1 0 1 1 -10"), IMAGE.replace("code 2 0x7f00", "code 2 7f00"))) {
            Files.writeString(f, bad);
            assertThatThrownBy(() -> VbcountProfileFile.read(f)).hasMessageStartingWith(f.toString());
        }
    }
}

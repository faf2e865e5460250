package dev.vbench.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRequestTest {
    /** A body as vbench_client.c writes it. */
    static byte[] body(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            out.writeBytes(f.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryField() throws Exception {
        RunRequest r = RunRequest.parse(body(RunRequest.PROTOCOL, "4242", "/work/dir", "3", "run", "--", "x y",
                "3", "A=1", "B=two=2", "=nameless"));
        assertThat(r.pid()).isEqualTo(4242);
        assertThat(r.workingDirectory()).isEqualTo(Path.of("/work/dir"));
        assertThat(r.args()).containsExactly("run", "--", "x y");
        assertThat(r.environment()).isEqualTo(Map.of("A", "1", "B", "two=2"));
    }

    @Test
    void anEmptyArgumentAndNoEnvironmentAreFine() throws Exception {
        RunRequest r = RunRequest.parse(body(RunRequest.PROTOCOL, "1", "/", "2", "run", "", "0"));
        assertThat(r.args()).isEqualTo(List.of("run", ""));
        assertThat(r.environment()).isEmpty();
    }

    @Test
    void refusesWhatIsNotARequest() {
        for (byte[] bad : List.of(
                body("vbench-run/0", "1", "/", "1", "run", "0"),
                body(RunRequest.PROTOCOL, "-1", "/", "1", "run", "0"),
                body(RunRequest.PROTOCOL, "1", "/", "5", "run", "0"),
                body(RunRequest.PROTOCOL, "1", "/", "1", "run", "2", "A=1"),
                body(RunRequest.PROTOCOL, "1", "/", "1", "run", "0", "A=1"),
                "vbench-run/1\0001\000/\0001\000run\0000".getBytes(StandardCharsets.UTF_8), // unterminated
                new byte[0])) {
            assertThatThrownBy(() -> RunRequest.parse(bad)).isInstanceOf(RunRequest.Malformed.class);
        }
    }
}

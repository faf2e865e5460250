package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A copy of the guest options (a suite benchmark's, a seed's) keeps every option given. */
class GuestOptionsTest {
    @CommandLine.Command(name = "t")
    static final class Holder {
        @CommandLine.Mixin
        GuestOptions options = new GuestOptions();
    }

    @Test
    void aCopyKeepsEveryOptionAndSharesNoList() throws Exception {
        Holder h = new Holder();
        new CommandLine(h).parseArgs("--counter", "none", "--perf-events", "branches", "--max-threads", "77",
                "--max-processes", "33", "--sched-seed", "9", "--chaos", "--seed", "5", "--epoch",
                "2031-02-03T04:05:06Z", "--cpus", "3", "--memory", "1G", "--env", "A=1", "--host-env", "--tty",
                "--timeout", "7s");
        GuestOptions copy = h.options.copy();
        int options = 0;
        for (Field f : GuestOptions.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Option.class)) {
                options++;
                assertThat(f.get(copy)).as(f.getName()).isEqualTo(f.get(h.options));
                assertThat(f.get(copy)).as(f.getName() + " was given a value, not left at its default")
                        .isNotEqualTo(f.get(new GuestOptions()));
            }
        }
        assertThat(options).isEqualTo(14);
        copy.env.add("B=2");
        assertThat(h.options.env).isEqualTo(List.of("A=1"));
    }
}

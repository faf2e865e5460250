package dev.vbench.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void withoutATerminalOnlyTheLinesArePrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.create("t", 3, Map.of("CI", "true"), err)) {
            p.begin("a: run 1/2");
            p.done();
            p.println("a: 2 runs identical");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("a: 2 runs identical" + System.lineSeparator());
    }

    @Test
    void ciOrNoTerminalMeansNotInteractive() {
        assertThat(Terminal.interactive(Map.of("CI", "true"))).isFalse();
        assertThat(Terminal.interactive(Map.of("CI", "1"))).isFalse();
        // Under Maven surefire stderr is a pipe, not a terminal.
        assertThat(Terminal.interactive(Map.of())).isFalse();
    }

    /**
     * The bar draws at the width it is given and never asks jline for a terminal: jline would run
     * stty through ProcessBuilder, which must not happen while a guest is traced.
     */
    @Test
    void theBarDrawsWithoutCreatingAJlineTerminal() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress.Bar("vbench bench", 4, 60, false, err)) {
            p.begin("qsort: run 1/2");
            p.done();
            p.println("qsort: 2 runs identical");
            p.begin("qsort: run 2/2");
            p.done();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("qsort: 2 runs identical").contains("vbench bench");
        for (String line : out.split("[\r\n]")) {
            assertThat(line.length()).isLessThanOrEqualTo(60);
        }
        Field terminal = Class.forName("me.tongfei.progressbar.TerminalUtils").getDeclaredField("terminal");
        terminal.setAccessible(true);
        assertThat(terminal.get(null)).as("a jline terminal was created").isNull();
    }

    @Test
    void widthFallsBackToColumnsThenEighty() {
        // stderr is not a terminal under surefire, so TIOCGWINSZ fails
        assertThat(Terminal.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(Terminal.width(Map.of("COLUMNS", "x"))).isEqualTo(80);
    }
}

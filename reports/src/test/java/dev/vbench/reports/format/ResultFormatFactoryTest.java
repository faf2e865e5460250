package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.io.ResultIO;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResultFormatFactoryTest {
    @Test
    void eachTypeGetsItsFormat() {
        assertThat(ResultFormatFactory.of(ResultFormatType.TEXT)).isInstanceOf(TextFormat.class);
        assertThat(ResultFormatFactory.of(ResultFormatType.JSON)).isInstanceOf(JsonFormat.class);
        assertThat(ResultFormatFactory.of(ResultFormatType.CSV)).isInstanceOf(CsvFormat.class);
        assertThat(ResultFormatFactory.of(ResultFormatType.MARKDOWN)).isInstanceOf(MarkdownFormat.class);
        assertThat(ResultFormatFactory.of(ResultFormatType.HTML)).isInstanceOf(HtmlFormat.class);
    }

    @ParameterizedTest
    @EnumSource(ResultFormatType.class)
    void everyFormatIsDeterministicAndLeavesTheWriterOpen(ResultFormatType type) throws IOException {
        // StringWriter ignores close(): this one records it, so a format that closes fails here.
        boolean[] closed = new boolean[1];
        StringWriter first = new StringWriter() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        StringWriter second = new StringWriter();
        ResultFormatFactory.of(type).writeOut(Fixtures.result(), first);
        ResultFormatFactory.of(type).writeOut(Fixtures.result(), second);

        assertThat(closed[0]).as("the format closed the caller's writer").isFalse();
        assertThat(first.toString()).isEqualTo(second.toString());
        assertThat(second.toString()).endsWith("\n");
    }

    @Test
    void jsonFormatIsTheResultFile() throws IOException {
        StringWriter out = new StringWriter();
        new JsonFormat().writeOut(Fixtures.result(), out);

        assertThat(out.toString()).isEqualTo(ResultIO.toJson(Fixtures.result()));
        assertThat(ResultIO.read(new StringReader(out.toString()), "stdout")).isEqualTo(Fixtures.result());
    }

    @Test
    void parsesNamesAndExtensions() {
        assertThat(ResultFormatType.parse("markdown")).isEqualTo(ResultFormatType.MARKDOWN);
        assertThat(ResultFormatType.parse("MD")).isEqualTo(ResultFormatType.MARKDOWN);
        assertThat(ResultFormatType.parse(" Html ")).isEqualTo(ResultFormatType.HTML);
        assertThat(ResultFormatType.parse("txt")).isEqualTo(ResultFormatType.TEXT);
        assertThatThrownBy(() -> ResultFormatType.parse("latex"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'latex'; expected one of text, json, csv, markdown, html, bencher, github-action-benchmark");
    }
}

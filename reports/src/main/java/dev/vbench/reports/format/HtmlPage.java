package dev.vbench.reports.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The frame of every HTML page vbench writes: one self-contained file that works offline. The page
 * carries its own CSS, the ECharts library (Apache-2.0; read from the ECharts webjar on the class
 * path and inlined into a script element), its data as JSON in a {@code <script
 * type="application/json">} element, and the drawing code ({@code charts.js} beside this class).
 * Nothing is fetched over the network. Tables carry every number too, so the page says everything
 * without JavaScript.
 *
 * <p>Safety: every string from a result goes through {@link Escape#html} in markup and through
 * {@link Escape#scriptJson} in the data, so no benchmark name can end a script element or inject
 * markup.
 */
final class HtmlPage {
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
            th{background:#f3f3f3}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .chart{width:100%;min-height:120px}
            .verdict-regressed,.verdict-failed,.verdict-nondeterministic,.verdict-not_measured{color:#b03a2e;font-weight:bold}
            .verdict-improved{color:#1e8449}
            .warning{background:#fff3cd;border:1px solid #e0c36c;padding:.5em 1em}
            """;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static volatile String library;
    private static volatile String drawing;

    private final StringBuilder body = new StringBuilder(8192);
    private final String title;

    HtmlPage(String title) {
        this.title = title;
    }

    /** Markup to add to the body, already escaped by the caller. */
    HtmlPage append(String html) {
        body.append(html);
        return this;
    }

    StringBuilder body() {
        return body;
    }

    /** A chart container; {@code charts.js} fills the element with this id. */
    HtmlPage chart(String id, String caption) {
        body.append("<figure><div class=\"chart\" id=\"").append(Escape.html(id)).append("\"></div><figcaption>")
                .append(Escape.html(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** Writes the whole page with {@code data} (serialized to JSON) for the charts. */
    void writeTo(Object data, Appendable out) throws IOException {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data failed to serialize", e);
        }
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Escape.html(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(Escape.html(title)).append("</h1>\n")
                .append("<noscript><p>The charts need JavaScript; the tables have every number.</p></noscript>\n")
                .append(body)
                .append("<script type=\"application/json\" id=\"vbench-data\">").append(Escape.scriptJson(json))
                .append("</script>\n<script>\n").append(library()).append("\n</script>\n<script>\n").append(drawing())
                .append("</script>\n</body>\n</html>\n");
    }

    /** The ECharts library's text, made safe to sit inside a script element. */
    static String library() {
        String lib = library;
        if (lib == null) {
            String version = echartsVersion();
            lib = resource("/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js");
            // "</script" would end the element early; "<\/" means the same inside JavaScript strings and regexps.
            lib = lib.replaceAll("(?i)</(script)", "<\\\\/$1");
            library = lib;
        }
        return lib;
    }

    static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = HtmlPage.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar (org.webjars.npm:echarts) is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String drawing() {
        String d = drawing;
        if (d == null) {
            d = resource("charts.js");
            drawing = d;
        }
        return d;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sslplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sslplane.client.SslplaneClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How results are printed: words and aligned tables for people, or JSON ({@code --output json}) for scripts. */
final class Output {

    enum Format { text, json }

    private static final ObjectMapper PRETTY = SslplaneClient.objectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = SslplaneClient.objectMapper();

    private final PrintWriter out;
    private final Format format;

    Output(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    boolean json() {
        return format == Format.json;
    }

    PrintWriter writer() {
        return out;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void printJson(Object value) {
        line(write(PRETTY, value));
    }

    /** One JSON document on one line (NDJSON). */
    void printJsonLine(Object value) {
        line(write(COMPACT, value));
    }

    /** Columns padded to their widest cell; {@code null} cells print as {@code -}. */
    void table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String value = cell(row.get(i));
                text.append(i == row.size() - 1 ? value : String.format("%-" + widths[i] + "s  ", value));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    static String cell(Object value) {
        return value == null ? "-" : value.toString();
    }

    static String instant(Instant at) {
        return at == null ? "-" : at.toString();
    }

    static String seconds(Long millis) {
        return millis == null ? "-" : String.format("%.1f s", millis / 1000.0);
    }

    static String duration(Duration duration) {
        return seconds(duration.toMillis());
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

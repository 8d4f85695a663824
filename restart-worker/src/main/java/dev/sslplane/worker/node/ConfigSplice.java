package dev.sslplane.worker.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Replaces the TLS section under {@code net} in the text of a config file, so that everything else (order,
 * comments, blank lines, quoting) stays as the administrator wrote it. Works on block-style YAML, which is how
 * mongod config files are written; for anything else it gives up, and the caller writes the document anew.
 */
final class ConfigSplice {

    private static final Pattern NET = Pattern.compile("net:\\s*(#.*)?");
    private static final Pattern TLS_CHILD = Pattern.compile("(ssl|tls):.*");
    private static final Pattern BARE_CHILD = Pattern.compile("(ssl|tls):\\s*(#.*)?");

    private ConfigSplice() {
    }

    /**
     * {@code current} with its {@code net.ssl} and {@code net.tls} sections replaced by {@code net.<key>} =
     * {@code section}; empty when the file is not laid out in plain blocks (tabs, flow style, a repeated key).
     */
    static Optional<String> replace(String current, String key, Map<String, Object> section) {
        String text = current == null ? "" : current;
        if (text.contains("\t") || text.contains("\r")) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int net = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("net:")) {
                if (net >= 0 || !NET.matcher(lines.get(i)).matches()) {
                    return Optional.empty();
                }
                net = i;
            }
        }
        if (net < 0) {
            lines.add("net:");
            lines.addAll(block(key, section, 2, 2));
            return Optional.of(String.join("\n", lines) + "\n");
        }
        return spliceInto(lines, net, key, section);
    }

    private static Optional<String> spliceInto(List<String> lines, int net, String key, Map<String, Object> section) {
        int end = net + 1;
        int lastContent = net;
        int indent = -1;
        while (end < lines.size() && (blankOrComment(lines.get(end)) || indent(lines.get(end)) > 0)) {
            if (!blankOrComment(lines.get(end))) {
                lastContent = end;
                indent = indent < 0 ? indent(lines.get(end)) : indent;
            }
            end++;
        }
        int child = indent < 0 ? 2 : indent;
        int insertAt = lastContent + 1;
        boolean removed = false;
        for (int i = net + 1; i <= lastContent; i++) {
            String line = lines.get(i);
            if (indent(line) != child || !TLS_CHILD.matcher(line.substring(child)).matches()) {
                continue;
            }
            if (!BARE_CHILD.matcher(line.substring(child)).matches()) {
                return Optional.empty();
            }
            int stop = sectionEnd(lines, i, lastContent, child);
            insertAt = removed ? insertAt : i;
            removed = true;
            lines.subList(i, stop).clear();
            lastContent -= stop - i;
            i--;
        }
        lines.addAll(Math.min(insertAt, lines.size()), block(key, section, child, child));
        return Optional.of(String.join("\n", lines) + "\n");
    }

    /** The index after the last line of the section that starts at {@code start}. */
    private static int sectionEnd(List<String> lines, int start, int lastContent, int child) {
        int stop = start + 1;
        for (int k = start + 1; k <= lastContent; k++) {
            String line = lines.get(k);
            if (!blankOrComment(line) && indent(line) <= child) {
                break;
            }
            if (!blankOrComment(line)) {
                stop = k + 1;
            }
        }
        return stop;
    }

    private static List<String> block(String key, Map<String, Object> section, int indent, int step) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(Math.max(2, Math.min(step, 10)));
        String dumped = new Yaml(options).dump(Map.of(key, section));
        return Arrays.stream(dumped.split("\n")).map(line -> " ".repeat(indent) + line).toList();
    }

    private static boolean blankOrComment(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() || stripped.startsWith("#");
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}

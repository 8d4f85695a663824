package dev.sslplane.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The instances a credential may act on: a list of ids or glob patterns ({@code *} matches any run of
 * characters). An empty list or {@code ["*"]} means every instance.
 */
public record InstanceScope(List<String> patterns) {

    public static final InstanceScope ALL = new InstanceScope(List.of("*"));

    public InstanceScope {
        patterns = patterns == null || patterns.isEmpty() ? List.of("*") : List.copyOf(patterns);
    }

    public boolean permits(String instanceId) {
        if (instanceId == null) {
            return false;
        }
        return patterns.stream().anyMatch(p -> p.equals("*") || toRegex(p).matcher(instanceId).matches());
    }

    public boolean isUnrestricted() {
        return patterns.contains("*");
    }

    private static Pattern toRegex(String glob) {
        var regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}

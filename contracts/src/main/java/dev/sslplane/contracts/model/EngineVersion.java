package dev.sslplane.contracts.model;

import java.util.Arrays;

/**
 * The MongoDB engines the product manages, with the facts that differ between them: wire version and the
 * config dialect ({@code net.ssl.*} up to 4.0, {@code net.tls.*} from 4.2) and runtime parameter name.
 */
public enum EngineVersion {
    V3_4("3.4", 5, false),
    V4_0("4.0", 7, false),
    V4_2("4.2", 8, true);

    private final String version;
    private final int maxWireVersion;
    private final boolean tlsDialect;

    EngineVersion(String version, int maxWireVersion, boolean tlsDialect) {
        this.version = version;
        this.maxWireVersion = maxWireVersion;
        this.tlsDialect = tlsDialect;
    }

    /** As users write it: {@code 3.4}, {@code 4.0}, {@code 4.2}. */
    public String version() {
        return version;
    }

    public int maxWireVersion() {
        return maxWireVersion;
    }

    /** {@code net.tls.*} and {@code tlsMode} (4.2) rather than {@code net.ssl.*} and {@code sslMode}. */
    public boolean tlsDialect() {
        return tlsDialect;
    }

    /** The {@code setParameter} name that changes the mode at run time. */
    public String modeParameter() {
        return tlsDialect ? "tlsMode" : "sslMode";
    }

    /** Parses {@code 3.4}, {@code 4.0} or {@code 4.2}; anything else is not a managed engine. */
    public static EngineVersion of(String version) {
        return Arrays.stream(values()).filter(v -> v.version.equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a managed engine version: " + version));
    }
}

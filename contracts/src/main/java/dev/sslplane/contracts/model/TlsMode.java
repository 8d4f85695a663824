package dev.sslplane.contracts.model;

import java.util.Arrays;

/**
 * mongod's four TLS modes ({@code net.tls.mode}, {@code net.ssl.mode} before 4.2). Incoming: {@code DISABLED}
 * plain only, {@code ALLOW} and {@code PREFER} plain and TLS, {@code REQUIRE} TLS only. Outgoing (member to
 * member): {@code DISABLED} and {@code ALLOW} connect plain, {@code PREFER} and {@code REQUIRE} connect with TLS.
 */
public enum TlsMode {
    DISABLED("disabled"),
    ALLOW("allow"),
    PREFER("prefer"),
    REQUIRE("require");

    private final String stem;

    TlsMode(String stem) {
        this.stem = stem;
    }

    public boolean acceptsPlain() {
        return this != REQUIRE;
    }

    public boolean acceptsTls() {
        return this != DISABLED;
    }

    /** Whether this member opens its own connections to other members with TLS. */
    public boolean connectsWithTls() {
        return this == PREFER || this == REQUIRE;
    }

    /** mongod changes the mode at run time only upwards and one step at a time: allow → prefer → require. */
    public boolean canChangeAtRuntimeTo(TlsMode target) {
        return (this == ALLOW && target == PREFER) || (this == PREFER && target == REQUIRE);
    }

    /** The value in a config file or {@code setParameter}: {@code preferSSL} for 3.4/4.0, {@code preferTLS} for 4.2. */
    public String configValue(EngineVersion engine) {
        if (this == DISABLED) {
            return stem;
        }
        return stem + (engine.tlsDialect() ? "TLS" : "SSL");
    }

    /** Parses either dialect's value ({@code allowSSL}, {@code allowTLS}, {@code disabled}). */
    public static TlsMode fromConfigValue(String value) {
        return Arrays.stream(values())
                .filter(m -> m.stem.equals(value) || (m != DISABLED
                        && (value.equals(m.stem + "SSL") || value.equals(m.stem + "TLS"))))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a TLS mode: " + value));
    }
}

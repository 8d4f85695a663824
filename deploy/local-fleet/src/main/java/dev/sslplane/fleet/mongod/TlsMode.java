package dev.sslplane.fleet.mongod;

import java.util.Locale;
import java.util.Optional;

/**
 * mongod's four TLS modes and the rules that decide who may connect how. Written apart from the product's
 * {@code contracts} TlsMode on purpose: the fleet stands in for mongod, so a wrong rule in the product must meet
 * mongod's rule here, not its own copy.
 */
public enum TlsMode {
    DISABLED, ALLOW, PREFER, REQUIRE;

    /** Incoming connections that do not start with a TLS ClientHello. */
    public boolean acceptsPlain() {
        return this != REQUIRE;
    }

    /** Incoming connections that start with a TLS ClientHello. */
    public boolean acceptsTls() {
        return this != DISABLED;
    }

    /** Whether this member opens its own (heartbeat) connections with TLS. */
    public boolean connectsWithTls() {
        return this == PREFER || this == REQUIRE;
    }

    /** Runtime changes only go upwards one step; going down needs a restart with another file. */
    public boolean canChangeAtRuntimeTo(TlsMode next) {
        return (this == ALLOW && next == PREFER) || (this == PREFER && next == REQUIRE);
    }

    /** The mode in the words of a parameter or option: {@code ssl} → {@code preferSSL}, {@code tls} → {@code preferTLS}. */
    public String word(String family) {
        if (this == DISABLED) {
            return "disabled";
        }
        String suffix = "tls".equals(family) ? "TLS" : "SSL";
        return name().toLowerCase(Locale.ROOT) + suffix;
    }

    /** Parses a mode word of the given family ({@code ssl} or {@code tls}); other words are unknown to mongod. */
    public static Optional<TlsMode> parse(String word, String family) {
        for (TlsMode mode : values()) {
            if (mode.word(family).equals(word)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The API's lower-case name. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

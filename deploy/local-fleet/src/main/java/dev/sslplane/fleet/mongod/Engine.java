package dev.sslplane.fleet.mongod;

import java.util.Arrays;
import java.util.List;

/**
 * The MongoDB release a node claims to be. The wire version is what drivers decide on (driver 5.5 refuses
 * anything below 8), and the config dialect is what mongod of that release accepts.
 */
public enum Engine {
    V3_4("3.4", "3.4.24", 5, false),
    V4_0("4.0", "4.0.28", 7, false),
    V4_2("4.2", "4.2.25", 8, true);

    private final String id;
    private final String version;
    private final int maxWireVersion;
    private final boolean tlsDialect;

    Engine(String id, String version, int maxWireVersion, boolean tlsDialect) {
        this.id = id;
        this.version = version;
        this.maxWireVersion = maxWireVersion;
        this.tlsDialect = tlsDialect;
    }

    public static Engine of(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine version " + id));
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public List<Integer> versionArray() {
        return Arrays.stream((version + ".0").split("\\.")).map(Integer::valueOf).toList();
    }

    public int maxWireVersion() {
        return maxWireVersion;
    }

    /** 4.2 introduced {@code net.tls.*} and the {@code tlsMode} parameter; older releases know only "ssl". */
    public boolean knowsTls() {
        return tlsDialect;
    }
}

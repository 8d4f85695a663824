package dev.sslplane.fleet.mongod;

import java.nio.file.Path;

/**
 * The TLS part of a mongod.conf after the engine's rules were applied; paths are absolute.
 *
 * @param optionFamily          {@code ssl} or {@code tls}: the section the file used (4.2 accepts both)
 * @param certificateKeyFile    key and certificate chain the node serves (null when disabled)
 * @param caFile                CAs this node verifies peers against (may be null: the JDK's defaults)
 * @param clusterCaFile         4.2 only: CAs for certificates presented by connecting clients
 * @param clusterFile           certificate the node presents on its own connections (null: certificateKeyFile)
 * @param allowInvalidHostnames whether this node skips host-name checks on its outgoing connections
 */
public record MongodConfig(
        TlsMode mode,
        String optionFamily,
        Path certificateKeyFile,
        Path caFile,
        Path clusterCaFile,
        Path clusterFile,
        boolean allowInvalidHostnames) {

    public static MongodConfig disabled() {
        return new MongodConfig(TlsMode.DISABLED, "ssl", null, null, null, null, false);
    }
}

package dev.sslplane.worker.node;

/**
 * What a node runs with after its restart.
 *
 * @param tls            TLS offered (plain connections stay accepted, like MongoDB's {@code preferTLS})
 * @param certificatePem the node's certificate followed by its issuing chain; {@code null} without TLS
 * @param caPem          the instance CA clients verify the node against; {@code null} without TLS
 */
public record TlsSettings(boolean tls, String certificatePem, String caPem) {

    public static TlsSettings plain() {
        return new TlsSettings(false, null, null);
    }
}

package dev.sslplane.contracts.messaging;

/**
 * What a restart worker sends to the command service's signing endpoint ({@link #PATH}) to get a node
 * certificate: the node's PKCS#10 certificate signing request. The node's private key stays with the node.
 *
 * @param csrPem PKCS#10 request in PEM form ({@code -----BEGIN CERTIFICATE REQUEST-----})
 */
public record SignCsrRequest(String csrPem) {

    /** {@code POST}, path variables {@code instanceId}, {@code operationId}, {@code nodeName}. */
    public static final String PATH =
            "/api/v1/instances/{instanceId}/operations/{operationId}/nodes/{nodeName}/certificate";
}

package dev.sslplane.contracts.procedure;

/** What a pass does with the node's certificate and key. */
public enum CertificateChange {
    /** The node keeps the certificate it has. */
    KEEP,
    /** The node gets the certificate signed in this operation for the key it made. */
    NEW,
    /** The node's config names no certificate (TLS disabled). */
    NONE
}

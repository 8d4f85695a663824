package dev.sslplane.nodeclient;

import javax.net.ssl.SSLContext;

/**
 * How to connect: plain ({@code context == null}) or TLS with the context's trust (and, for member-to-member
 * connections, key) material.
 *
 * @param verifyHostname whether the node's certificate must name the host connected to, as drivers check
 */
public record TlsOptions(SSLContext context, boolean verifyHostname) {

    private static final TlsOptions PLAIN = new TlsOptions(null, false);

    public static TlsOptions plain() {
        return PLAIN;
    }

    /** TLS with the context's trust anchors and host-name verification. */
    public static TlsOptions verified(SSLContext context) {
        return new TlsOptions(context, true);
    }

    public boolean tls() {
        return context != null;
    }
}

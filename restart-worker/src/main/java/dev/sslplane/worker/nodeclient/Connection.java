package dev.sslplane.worker.nodeclient;

import java.util.List;

/**
 * How to connect to a member for one call.
 *
 * @param tls            TLS rather than plain TCP
 * @param trustedCaPems  CAs the member's certificate must chain to (verified connections)
 * @param verified       verify the certificate against {@code trustedCaPems} and the host name, as drivers do;
 *                       {@code false} with TLS only to learn whether TLS is offered at all
 */
public record Connection(boolean tls, List<String> trustedCaPems, boolean verified) {

    private static final Connection PLAIN = new Connection(false, List.of(), false);
    private static final Connection ANY_CERTIFICATE = new Connection(true, List.of(), false);

    public Connection {
        trustedCaPems = trustedCaPems == null ? List.of() : List.copyOf(trustedCaPems);
        if (tls && verified && trustedCaPems.isEmpty()) {
            throw new IllegalArgumentException("a verified TLS connection needs at least one trusted CA");
        }
    }

    public static Connection plain() {
        return PLAIN;
    }

    /** TLS, the member's certificate verified against {@code caPems} with host-name verification. */
    public static Connection verified(List<String> caPems) {
        return new Connection(true, caPems, true);
    }

    /** TLS without verification: only to find out whether the member offers TLS (nothing is sent that matters). */
    public static Connection anyCertificate() {
        return ANY_CERTIFICATE;
    }

    @Override
    public String toString() {
        return !tls ? "plain" : verified ? "TLS verified against " + trustedCaPems.size() + " CA(s)" : "TLS (any)";
    }
}

package dev.sslplane.contracts.messaging;

/** Body of a TLS enforcement command: {@code requireTls} true = requireTLS, false = back to preferTLS. */
public record TlsEnforcementRequest(Boolean requireTls) {
}

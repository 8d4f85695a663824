package dev.sslplane.contracts.messaging;

/** Optional body of an enable command (REST and {@code ssl.commands}): {@code requireTls} = force encryption. */
public record EnableSslRequest(Boolean requireTls) {

    public boolean requireTlsOrDefault() {
        return Boolean.TRUE.equals(requireTls);
    }
}

package dev.sslplane.nodeclient;

import java.util.Objects;

/** Where a mongod listens. */
public record NodeAddress(String host, int port) {

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a node address: " + host + ":" + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

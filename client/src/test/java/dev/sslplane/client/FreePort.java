package dev.sslplane.client;

import java.io.IOException;
import java.net.ServerSocket;

final class FreePort {

    private FreePort() {
    }

    /** A port nothing listens on (it was free a moment ago). */
    static int any() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

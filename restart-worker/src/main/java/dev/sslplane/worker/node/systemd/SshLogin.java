package dev.sslplane.worker.node.systemd;

import java.nio.file.Path;

/**
 * Everything needed to log in to one host: where, as whom, with which key, and which host key to expect.
 *
 * @param privateKeyFile the SSH private key, on the worker (never sent anywhere but to the SSH library)
 * @param knownHostsFile the known-hosts file that must hold the host's key: nothing else is trusted
 */
public record SshLogin(String host, int port, String user, Path privateKeyFile, Path knownHostsFile) {

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}

package dev.sslplane.worker.node.systemd;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The worker's side of the systemd operator; the rest comes with each instance's registration.
 *
 * @param connectTimeout       for the TCP connection, the key exchange and the login each
 * @param commandTimeout       for each file command (CSR, writes, reads)
 * @param restartTimeout       for the restart command: mongod may take minutes with many collections
 * @param credentialsDirectory the only directory a registration's key and known-hosts files may be in, so that a
 *                             registration cannot point the worker at any other file
 */
public record SystemdSettings(Duration connectTimeout, Duration commandTimeout, Duration restartTimeout,
                              Path credentialsDirectory) {
}

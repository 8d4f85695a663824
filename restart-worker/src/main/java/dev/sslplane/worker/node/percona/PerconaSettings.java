package dev.sslplane.worker.node.percona;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The percona operator's settings.
 *
 * @param credentialsDirectory the only directory kubeconfig files named in registrations may be read from
 * @param requestTimeout       each Kubernetes API request
 * @param errorGrace           how long the Percona operator may report {@code error} before the step fails with its
 *                             message (it reconciles again on its own meanwhile)
 */
public record PerconaSettings(Path credentialsDirectory, Duration requestTimeout, Duration errorGrace) {
}

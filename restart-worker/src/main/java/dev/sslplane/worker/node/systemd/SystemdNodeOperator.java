package dev.sslplane.worker.node.systemd;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.MongodConfig;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import java.util.List;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Drives mongod on hosts reached over SSH, as an administrator would: the key is made on the host and only its
 * CSR comes back; the certificate, CA and config files are written there ({@link HostScripts}); the service is
 * restarted with the target's restart command ({@code systemctl restart mongod} by default). A config mongod
 * refuses at start, or a restart that does not finish in time, puts the previous config file back (and
 * restarts with it) before the step fails with the reason.
 *
 * <p>Everything a running mongod answers itself (roles, step-down, the runtime mode, health) goes through the
 * worker's node client, as for every operator. SSH calls block, so they run on the bounded-elastic scheduler.
 */
public class SystemdNodeOperator implements NodeOperator {

    private final SshConnector connector;
    private final SystemdSettings settings;

    public SystemdNodeOperator(SshConnector connector, SystemdSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
        return onHost(instance, node, (host, shell) -> {
            String csr = host.run(shell, "making a key and CSR", HostScripts.createCsr(host.tlsDirectory(),
                    instance.instanceId(), node.name(), subjectAltNames), null);
            if (csr.contains("PRIVATE KEY") || !csr.strip().startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
                // never relay (or log) what came back: only a CSR may leave the host
                throw new NodeOperatorException("making a key and CSR on " + shell.host() + ": the host did not"
                        + " answer with a CSR alone", false);
            }
            return csr.strip() + "\n";
        });
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return onHost(instance, node, (host, shell) -> {
            var files = new MongodConfig.Files(
                    config.certificate().change() == CertificateChange.NEW
                            ? host.installCertificate(shell, config.certificate().chainPem()) : null,
                    config.caFile().kind() == NodeTlsConfig.CaFile.Kind.REPLACE
                            ? host.installCa(shell, config.caFile().pem()) : null);
            host.writeConfig(shell, config, files);
            host.restartOrRollBack(shell);
            return true;
        }).then();
    }

    @Override
    public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return onHost(instance, node, (host, shell) -> {
            host.writeConfig(shell, config, new MongodConfig.Files(null, null));
            return true;
        }).then();
    }

    @Override
    public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
        return onHost(instance, node, (host, shell) -> host.trustedCaSerials(shell));
    }

    private <T> Mono<T> onHost(InstanceRef instance, NodeSpec node, BiFunction<SystemdHostSession, HostShell, T> work) {
        return Mono.fromCallable(() -> {
            SystemdTarget target = instance.operator() == null ? null : instance.operator().systemd();
            if (target == null) {
                throw new NodeOperatorException("instance " + instance.instanceId() + " names no systemd target:"
                        + " register it with operator.type systemd and operator.systemd", false);
            }
            SystemdHost host = target.hostFor(node);
            var session = new SystemdHostSession(instance.engine(), target, host, settings);
            try (HostShell shell = connector.open(session.login())) {
                return work.apply(session, shell);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A failed start with the reason, the code the job engine reports it with. */
    static NodeOperatorException startFailed(String message) {
        return new NodeOperatorException(message, false, NodeFailureCode.NODE_START_FAILED);
    }
}

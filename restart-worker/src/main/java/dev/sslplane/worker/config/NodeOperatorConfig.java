package dev.sslplane.worker.config;

import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperators;
import dev.sslplane.worker.node.fleet.LocalFleetNodeOperator;
import dev.sslplane.worker.node.percona.PerconaNodeOperator;
import dev.sslplane.worker.node.percona.PerconaSettings;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.node.systemd.SshConnector;
import dev.sslplane.worker.node.systemd.SystemdNodeOperator;
import dev.sslplane.worker.node.systemd.SystemdSettings;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The node operators this worker serves, by {@code sslplane.worker.node-operator}, which has no default outside the
 * {@code local} profile. Real operators ({@code systemd}, {@code percona}, {@code local-fleet}) can be served together, each
 * instance going to the one it named at registration, all reaching their nodes with the {@link WireReplicaSetClient}.
 * The simulated operator stands alone and only under the {@code local} or {@code dev} profile: it has no real
 * nodes, and a production worker that fell back to it would report restarts that never happened.
 */
@Configuration(proxyBeanMethods = false)
public class NodeOperatorConfig {

    static final String SIMULATED_NEEDS_DEV = "sslplane.worker.node-operator=simulated drives no real node: it is for tests"
            + " and local development only, under the 'local' or 'dev' profile (spring.profiles.active)";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "sslplane.worker.node-operator", havingValue = "simulated")
    static class Simulated {

        @Bean
        SimulatedNodeOperator simulatedNodeOperator(WorkerProperties properties, Environment environment) {
            if (!environment.acceptsProfiles(Profiles.of("local | dev"))) {
                throw new IllegalStateException(SIMULATED_NEEDS_DEV);
            }
            var simulated = properties.simulated();
            var operator = new SimulatedNodeOperator(simulated.baseDowntime(), simulated.perThousandCollections(),
                    simulated.collectionThreshold(), simulated.timeScale());
            operator.configureFaults(simulated.faults());
            return operator;
        }

        @Bean
        ReplicaSetClient simulatedReplicaSetClient(SimulatedNodeOperator operator) {
            return operator.replicaSetClient();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${sslplane.worker.node-operator:}' != 'simulated'")
    static class RealNodes {

        @Bean(destroyMethod = "close")
        SshConnector sshConnector(WorkerProperties properties) {
            return new SshConnector(properties.systemd().connectTimeout());
        }

        /** Closed with the context: it closes the operators that hold clients (the percona operator's). */
        @Bean(destroyMethod = "close")
        NodeOperators nodeOperators(WorkerProperties properties, WebClient.Builder builder, SshConnector ssh)
                throws IOException {
            var operators = new LinkedHashMap<String, NodeOperator>();
            for (String type : properties.nodeOperator()) {
                operators.put(type, switch (type) {
                    case "local-fleet" -> localFleet(builder, properties.fleet());
                    case "systemd" -> systemd(ssh, properties.systemd());
                    case "percona" -> percona(properties.percona());
                    default -> throw new IllegalStateException("sslplane.worker.node-operator: " + type + " cannot be"
                            + " served with other operators. " + SIMULATED_NEEDS_DEV);
                });
            }
            return new NodeOperators(operators);
        }

        @Bean
        ReplicaSetClient wireReplicaSetClient(WorkerProperties properties) {
            return new WireReplicaSetClient(properties.nodeClient().connectTimeout(),
                    properties.nodeClient().readTimeout());
        }

        private static LocalFleetNodeOperator localFleet(WebClient.Builder builder, WorkerProperties.Fleet fleet)
                throws IOException {
            String token = SecretSetting.read(fleet.token(), fleet.tokenFile() == null ? null
                    : fleet.tokenFile().toString()).orElseThrow(() -> new IllegalStateException(
                            "local fleet token missing: set SSLPLANE_WORKER_FLEET_TOKEN or"
                                    + " SSLPLANE_WORKER_FLEET_TOKEN_FILE (the fleet writes <dataDir>/control-token)"));
            return new LocalFleetNodeOperator(builder.clone(), fleet.url(), token, fleet.requestTimeout());
        }

        /** Its Kubernetes clients are made per target (kubeconfig file or service account) on first use. */
        private static PerconaNodeOperator percona(WorkerProperties.Percona percona) {
            return new PerconaNodeOperator(new PerconaSettings(percona.credentialsDirectory(),
                    percona.requestTimeout(), percona.errorGrace()));
        }

        private static SystemdNodeOperator systemd(SshConnector ssh, WorkerProperties.Systemd systemd) {
            return new SystemdNodeOperator(ssh, new SystemdSettings(systemd.connectTimeout(),
                    systemd.commandTimeout(), systemd.restartTimeout(), systemd.credentialsDirectory()));
        }
    }
}

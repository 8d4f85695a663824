package dev.sslplane.worker.config;

import dev.sslplane.worker.node.fleet.LocalFleetNodeOperator;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Chooses the node operator, and the client that talks to its nodes, by {@code worker.node-operator}, which has
 * no default (outside the {@code local} profile): the simulated operator only when asked for by name. A
 * production operator (systemd hosts, Kubernetes) adds a configuration like {@link LocalFleet}, with the same
 * {@link WireReplicaSetClient}.
 */
@Configuration(proxyBeanMethods = false)
public class NodeOperatorConfig {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "worker.node-operator", havingValue = "simulated")
    static class Simulated {

        @Bean
        SimulatedNodeOperator simulatedNodeOperator(WorkerProperties properties) {
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
    @ConditionalOnProperty(name = "worker.node-operator", havingValue = "local-fleet")
    static class LocalFleet {

        @Bean
        LocalFleetNodeOperator localFleetNodeOperator(WebClient.Builder builder, WorkerProperties properties)
                throws IOException {
            var fleet = properties.fleet();
            String token = SecretSetting.read(fleet.token(), fleet.tokenFile() == null ? null
                    : fleet.tokenFile().toString()).orElseThrow(() -> new IllegalStateException(
                            "local fleet token missing: set FLEET_TOKEN or FLEET_TOKEN_FILE (the fleet writes"
                                    + " <dataDir>/control-token)"));
            return new LocalFleetNodeOperator(builder.clone(), fleet.url(), token, fleet.requestTimeout());
        }

        @Bean
        ReplicaSetClient wireReplicaSetClient(WorkerProperties properties) {
            return new WireReplicaSetClient(properties.nodeClient().connectTimeout(),
                    properties.nodeClient().readTimeout());
        }
    }
}

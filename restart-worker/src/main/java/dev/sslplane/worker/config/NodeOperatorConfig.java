package dev.sslplane.worker.config;

import dev.sslplane.worker.health.MongoDriverProbe;
import dev.sslplane.worker.node.fleet.LocalFleetNodeOperator;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Chooses the node operator (and the probe that goes with it) by {@code worker.node-operator}. A production
 * operator adds a configuration like these two; it would normally pair with {@link MongoDriverProbe}.
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
        MongoDriverProbe mongoDriverProbe(WorkerProperties properties) {
            return new MongoDriverProbe(properties.health().serverSelectionTimeout(),
                    properties.health().tlsAbsentTimeout());
        }
    }
}

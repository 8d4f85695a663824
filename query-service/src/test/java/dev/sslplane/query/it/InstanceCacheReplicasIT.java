package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.query.QueryServiceApplication;
import dev.sslplane.query.readmodel.InstanceCache;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.query.support.TestCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas in one consumer group share the partitions of {@code ssl.events}, so each projects only some
 * instances, and each answers status reads from its own instance cache. A change projected by either replica must
 * show on both, although both had the older document in memory.
 */
class InstanceCacheReplicasIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Autowired
    InstanceCache cache;

    @Test
    void aChangeProjectedByEitherReplicaShowsOnBothDespiteTheirCaches() {
        try (ConfigurableApplicationContext second = startSecondReplica()) {
            var replicas = List.of(http, client(second));
            InstanceCache secondCache = second.getBean(InstanceCache.class);
            await().atMost(WAIT).until(() -> cache.following() && secondCache.following());
            // six instances: keys spread over the three partitions, so each replica projects some of them
            String prefix = unique("rs-replicas");
            List<Lifecycle> lives = IntStream.range(0, 6).mapToObj(i -> new Lifecycle(prefix + "-" + i, T0, 2))
                    .toList();
            lives.forEach(life -> publish(life.register()));
            for (Lifecycle life : lives) {
                for (WebTestClient replica : replicas) {
                    awaitStatus(replica, life.instanceId, 0, "DISABLED");
                }
            }
            double hitsBefore = hits(second);
            for (Lifecycle life : lives) {
                status(replicas.get(1), life.instanceId);
            }
            assertThat(hits(second) - hitsBefore).as("repeated reads served from memory").isEqualTo(lives.size());

            var enabled = new ArrayList<Lifecycle>();
            for (Lifecycle life : lives) {
                int before = life.events().size();
                life.enable("op-" + life.instanceId, life.newCa());
                publish(life.events().subList(before, life.events().size()));
                enabled.add(life);
            }
            for (Lifecycle life : enabled) {
                for (WebTestClient replica : replicas) {
                    awaitStatus(replica, life.instanceId, 1, "ENABLED");
                }
            }
        }
    }

    private static void awaitStatus(WebTestClient replica, String id, long sequence, String sslStatus) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = status(replica, id);
            assertThat(status).isNotNull();
            assertThat(status.get("lastSequence").asLong()).isEqualTo(sequence);
            assertThat(status.get("sslStatus").asText()).isEqualTo(sslStatus);
        });
    }

    private static JsonNode status(WebTestClient replica, String id) {
        var result = replica.get().uri("/api/v1/instances/{id}/ssl", id).exchange()
                .expectBody(JsonNode.class).returnResult();
        return result.getStatus().value() == 200 ? result.getResponseBody() : null;
    }

    private static double hits(ConfigurableApplicationContext replica) {
        return replica.getBean(MeterRegistry.class).get("sslplane.query.instance.cache.reads")
                .tag("result", "hit").counter().count();
    }

    private WebTestClient client(ConfigurableApplicationContext replica) {
        int replicaPort = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + replicaPort).responseTimeout(WAIT)
                .defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN).build();
    }

    private ConfigurableApplicationContext startSecondReplica() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.consumer.properties.metadata.max.age.ms=1000",
                "--sslplane.query.mongo.uri=" + mongoUri(),
                "--sslplane.query.kafka.lag-poll-interval=1s",
                "--sslplane.security.tokens-file=" + TestCredentials.tokensFile(),
                "--sslplane.security.jwt.public-key-location=file:"
                        + TestCredentials.publicKeyFile().toAbsolutePath(),
                "--sslplane.console.command-service-url=http://localhost:18081",
                "--spring.main.banner-mode=off");
    }
}

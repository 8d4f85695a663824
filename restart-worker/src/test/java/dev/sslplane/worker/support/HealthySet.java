package dev.sslplane.worker.support;

import static org.awaitility.Awaitility.await;


import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.health.SetHealth;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.time.Duration;
import java.util.List;

/** Waits, as an operator would before acting, until every member's replSetGetStatus shows the whole set healthy. */
public final class HealthySet {

    private HealthySet() {
    }

    public static void waitFor(ReplicaSetClient client, String instanceId, List<NodeSpec> nodes, Connection connection,
                               Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(300))
                .until(() -> nodes.stream().allMatch(node -> {
                    try {
                        var status = client.replSetGetStatus(Member.of(instanceId, node), connection)
                                .block(Duration.ofSeconds(10));
                        return SetHealth.problem(status, instanceId, nodes, Duration.ofSeconds(10)).isEmpty();
                    } catch (RuntimeException e) {
                        return false;
                    }
                }));
    }
}

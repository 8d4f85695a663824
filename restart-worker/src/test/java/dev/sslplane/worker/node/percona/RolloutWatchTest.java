package dev.sslplane.worker.node.percona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.testsupport.ManualClock;
import dev.sslplane.worker.node.NodeOperatorException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error grace: counted across the looks of one step, and anew for the step a Retry starts. */
class RolloutWatchTest {

    private static final PerconaTarget TARGET = new PerconaTarget("mongo", "orders", null, null);
    private static final NodeSpec NODE = new NodeSpec("rs0-0", "10.0.0.1", 27017, NodeRole.SECONDARY, List.of());
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T03:00:00Z"));
    private final RolloutWatch watch = new RolloutWatch(GRACE, clock);

    @Test
    void anErrorLastingTheGraceFailsTheStepAndARetryGetsAGraceOfItsOwn() {
        var rollout = watch.of("orders", new PassChange.Applied("change-1", true));
        GenericKubernetesResource error = status("error", "pod orders-rs0-1: ImagePullBackOff");

        assertThatThrownBy(() -> look(error, rollout)).isInstanceOf(RolloutWatch.NotYet.class);
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> look(error, rollout)).isInstanceOf(RolloutWatch.NotYet.class);
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> look(error, rollout))
                .isInstanceOf(NodeOperatorException.class).isNotInstanceOf(RolloutWatch.NotYet.class)
                .hasMessageContaining("(for 4 s): pod orders-rs0-1: ImagePullBackOff");

        // Retried at once: the first look may still read the error the Percona operator has not replaced yet
        var retried = watch.of("orders", new PassChange.Applied("change-1", false));
        assertThat(retried).as("the same change's rollout, still followed").isSameAs(rollout);
        assertThatThrownBy(() -> look(error, retried)).isInstanceOf(RolloutWatch.NotYet.class);
        clock.advance(Duration.ofMillis(250));
        GenericKubernetesResource rolling = status("initializing", "");
        assertThatThrownBy(() -> look(rolling, retried)).isInstanceOf(RolloutWatch.NotYet.class)
                .hasMessageContaining("status.state initializing");
        clock.advance(Duration.ofSeconds(1));
        look(status("ready", ""), retried);
    }

    private void look(GenericKubernetesResource resource, RolloutWatch.Rollout rollout) {
        watch.check(resource, TARGET, "PerconaServerMongoDB mongo/orders", rollout, NODE);
    }

    private static GenericKubernetesResource status(String state, String message) {
        var resource = new GenericKubernetesResource();
        resource.setAdditionalProperty("status", Map.of("state", state, "message", message));
        return resource;
    }
}

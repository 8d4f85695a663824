package dev.sslplane.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Operation documents round-trip, and those written before operations had passes read as one pass. */
class OperationDocTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aDocumentWrittenBeforePassesReadsAsTheOnePassItWas() {
        var stored = new Document("_id", "op-old").append("instanceId", "rs-old").append("kind", "ROTATE")
                .append("state", "FAILED").append("attempt", 2)
                .append("nodes", List.of(
                        node("rs0-0", "RESTARTED", new Document("attempt", 1).append("startedAt", Date.from(T0))
                                .append("restartedAt", Date.from(T0.plusSeconds(30))).append("durationMillis", 30_000L)
                                .append("unreachableMillis", 29_000L)),
                        node("rs0-1", "FAILED", new Document("attempt", 2).append("startedAt",
                                Date.from(T0.plusSeconds(60)))),
                        node("rs0-2", "PENDING", null)))
                .append("failure", new Document("nodeName", "rs0-1").append("reason", "timed out"))
                .append("lastSequence", 7L);

        OperationDoc op = OperationDoc.from(stored);

        assertThat(op.passes).singleElement().satisfies(p -> {
            assertThat(p.name).isEqualTo("RESTART");
            assertThat(p.mode).isEqualTo("PREFER");
        });
        assertThat(op.step(1, "rs0-0").state).isEqualTo("DONE");
        assertThat(op.step(1, "rs0-0").finishedAt).isEqualTo(T0.plusSeconds(30));
        assertThat(op.step(1, "rs0-0").unreachableMillis).isEqualTo(29_000L);
        assertThat(op.step(1, "rs0-1").state).isEqualTo("FAILED");
        assertThat(op.step(1, "rs0-1").attempt).isEqualTo(2);
        assertThat(op.step(1, "rs0-2").state).isEqualTo("PENDING");
        assertThat(op.failure.pass()).isEqualTo(1);
        assertThat(op.failure.code()).isNull();
        assertThat(op.stepsDone()).isEqualTo(1);
        assertThat(op.currentPass).isEqualTo(1);
        // written back in the new shape, it reads the same
        assertThat(OperationDoc.from(op.toDocument()).toDocument()).isEqualTo(op.toDocument());
    }

    private static Document node(String name, String state, Document step) {
        return new Document("name", name).append("host", "10.0.0.1").append("port", 27017).append("role", "SECONDARY")
                .append("state", state).append("steps", step == null ? List.of() : List.of(step));
    }
}

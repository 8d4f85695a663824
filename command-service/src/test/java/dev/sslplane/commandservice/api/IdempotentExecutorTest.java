package dev.sslplane.commandservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.MessageCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

/** Which answers an {@code Idempotency-Key} replays, on a real MongoDB driver. */
class IdempotentExecutorTest {

    private static final String REQUEST = "POST /api/v1/instances/inst-1/ssl:enable {}";

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final IdempotentExecutor executor = new IdempotentExecutor(
            new IdempotencyStore(mongo.client().getDatabase("sslplane"),
                    new ApiProperties("http://localhost:8082", DataSize.ofKilobytes(64), Duration.ofHours(24))),
            MessageCodec.newObjectMapper());
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aRefusalIsReplayedWithoutRunningTheRequestAgain() {
        var first = executor.execute("key-1", REQUEST, refusedWith(ErrorCode.SSL_ALREADY_ENABLED));
        var second = executor.execute("key-1", REQUEST, accepted());

        assertThat(first.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getHeaders().getFirst(IdempotentExecutor.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRefusalBecauseTheServiceCouldNotActNowIsNotReplayed() {
        assertThatThrownBy(() -> executor.execute("key-2", REQUEST, refusedWith(ErrorCode.CA_KEY_UNAVAILABLE)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_KEY_UNAVAILABLE));

        var second = executor.execute("key-2", REQUEST, accepted());

        assertThat(second.getStatusCode().value()).as("run again, not the 503 replayed").isEqualTo(202);
        assertThat(second.getHeaders().containsKey(IdempotentExecutor.REPLAYED_HEADER)).isFalse();
        assertThat(executor.execute("key-2", REQUEST, accepted()).getHeaders()
                .getFirst(IdempotentExecutor.REPLAYED_HEADER)).as("the acceptance is kept").isEqualTo("true");
        assertThat(runs).hasValue(2);
    }

    private Supplier<ResponseEntity<Object>> refusedWith(ErrorCode code) {
        return () -> {
            runs.incrementAndGet();
            throw new DomainException(code, "refused");
        };
    }

    private Supplier<ResponseEntity<Object>> accepted() {
        return () -> {
            runs.incrementAndGet();
            return ResponseEntity.accepted().body(Map.of("operationId", "op-1"));
        };
    }
}
